using System.Runtime.CompilerServices;
using HeadlessPortal.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HeadlessPortal.Application.Common.Persistence;

/// <summary>
/// A query compiled once per EF model (<c>EF.CompileAsyncQuery</c>): EF neither walks its expression tree nor looks it up
/// in its query cache on each run (docs/PERFORMANCE.md, "Round three"). EF ties a compiled query to the model of the
/// first context it ran with and refuses any other, and a process can hold several (the tests run SQLite and PostgreSQL
/// side by side), so each model gets its own. The tenant's query filter still applies, from the context passed in.
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    /// <summary>The query for this context's model, and the context to run it with.</summary>
    public (TQuery Run, DbContext Context) For(IAppDbContext db)
    {
        var context = (DbContext)db;
        var model = context.Model;
        return (_byModel.TryGetValue(model, out var query) ? query : _byModel.GetValue(model, _ => compile()), context);
    }
}
