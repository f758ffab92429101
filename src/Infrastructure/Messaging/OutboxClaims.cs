using HeadlessPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Infrastructure.Messaging;

/// <summary>An outbox message a dispatcher has claimed, as the claim statement returned it.</summary>
internal sealed record ClaimedMessage(Guid Id, Guid TenantId, string Type, string Payload, int Attempts);

/// <summary>
/// Claims due outbox messages in one statement: it sets the lease and counts the attempt of up to a batch of
/// messages that are pending or failed, due, unleased or with an expired lease, and below the attempt limit,
/// and returns them. On PostgreSQL the candidates are locked with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent
/// dispatchers claim disjoint batches without waiting for each other; SQLite runs the same UPDATE ... RETURNING
/// in a write transaction, and it serializes writers.
/// </summary>
internal static class OutboxClaims
{
    public static async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(
        AppDbContext db, string holder, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize, int maxAttempts, CancellationToken ct)
    {
        var nowValue = LeaseTime.ToProvider(now);
        var leaseValue = LeaseTime.ToProvider(leaseUntil);
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQuery<ClaimedMessage>($"""
                UPDATE "OutboxMessages"
                SET "Attempts" = "Attempts" + 1, "LockedBy" = {holder}, "LockedUntil" = {leaseValue}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" IN ('Pending', 'Failed') AND "NextAttemptAt" <= {nowValue}
                      AND ("LockedUntil" IS NULL OR "LockedUntil" <= {nowValue}) AND "Attempts" < {maxAttempts}
                    ORDER BY "NextAttemptAt", "Id"
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id", "TenantId", "Type", "Payload", "Attempts"
                """).ToListAsync(ct);
        }

        // BEGIN IMMEDIATE: the write lock is taken up front, so the candidates read are the ones updated.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<ClaimedMessage>($"""
            UPDATE "OutboxMessages"
            SET "Attempts" = "Attempts" + 1, "LockedBy" = {holder}, "LockedUntil" = {leaseValue}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" IN ('Pending', 'Failed') AND "NextAttemptAt" <= {nowValue}
                  AND ("LockedUntil" IS NULL OR "LockedUntil" <= {nowValue}) AND "Attempts" < {maxAttempts}
                ORDER BY "NextAttemptAt", "Id"
                LIMIT {batchSize})
            RETURNING "Id", "TenantId", "Type", "Payload", "Attempts"
            """).ToListAsync(ct);
        await transaction.CommitAsync(ct);
        return claimed;
    }
}
