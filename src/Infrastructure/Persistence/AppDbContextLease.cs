using HeadlessPortal.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Persistence;

/// <summary>
/// A scope's context, leased from EF's pool with the scope's tenant (and on SQLite the scope's connection), and given back
/// when the scope ends. The container disposes the context itself once per registration it was resolved through
/// (<see cref="AppDbContext"/>, <see cref="IAppDbContext"/>): given back on the first, it could already be another scope's
/// when the second came, and that scope's lease would end under it. So only this lease gives it back, and the lease is
/// resolved before the context, so the container disposes it after everything that uses the context.
/// </summary>
internal sealed class AppDbContextLease : IAsyncDisposable, IDisposable
{
    public AppDbContextLease(IDbContextFactory<AppDbContext> factory, ICurrentTenant tenant, SqliteConnectionLease? connection)
    {
        Context = factory.CreateDbContext();
        Context.LeaseTo(tenant);
        if (connection is not null)
        {
            Context.Database.SetDbConnection(connection.Connection, contextOwnsConnection: false);
        }
    }

    public AppDbContext Context { get; }

    public ValueTask DisposeAsync() => Context.ReturnAsync();

    // A scope disposed synchronously (a using block at startup) disposes it this way.
    public void Dispose() => Context.Return();
}
