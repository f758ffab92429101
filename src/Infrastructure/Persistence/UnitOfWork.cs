using Microsoft.EntityFrameworkCore;
using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Infrastructure.Persistence;

internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> shouldCommit, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        // On SQLite this issues BEGIN IMMEDIATE: the write lock is taken now, so concurrent
        // writers wait their turn (busy timeout) instead of failing when they try to upgrade.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        if (shouldCommit(result))
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return result;
    }

    public async Task<IAsyncDisposable> KeepConnectionOpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new OpenConnection(db);
    }

    /// <summary>EF counts the opens: the connection closes when the last one that opened it lets it go.</summary>
    private sealed class OpenConnection(AppDbContext db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }
}
