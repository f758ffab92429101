using System.Text.RegularExpressions;

namespace HeadlessPortal.Architecture.Tests;

/// <summary>
/// Writes that bypass SaveChanges (ExecuteUpdate/ExecuteDelete, raw SQL) are not seen by the change tracking the
/// portal's caches rely on (docs/ARCHITECTURE.md, "Caches"): a portal answer that shows what such a write changed
/// would stay stale until its cache lifetime ran out. Every such call site is listed here with why it is safe, so a
/// new one fails until someone has checked it (and, if a portal read shows what it writes, adds a DataChanges row).
/// </summary>
public sealed partial class UntrackedWriteTests
{
    private static readonly Dictionary<string, (int Count, string Why)> Known = new()
    {
        ["src/Application/PaymentLinks/ViewPaymentLink/ViewPaymentLink.cs"] = (1, "a link's last view time, shown only to the office"),
        ["src/Application/EstimateLinks/ViewEstimateLink/ViewEstimateLink.cs"] = (1, "a link's last view time, shown only to the office"),
        ["src/Application/PortalAccess/InviteContact/InviteContact.cs"] = (1, "one-time tokens spent"),
        ["src/Application/PortalAccess/RevokeContactAccess/RevokeContactAccess.cs"] = (1, "one-time tokens spent"),
        ["src/Application/PortalAuth/ExpiredPortalCredentialsCleanup.cs"] = (3, "expired tokens and sessions already ended"),
        ["src/Application/PortalAuth/RedeemEmailLink/RedeemEmailLink.cs"] = (1, "one-time tokens spent"),
        ["src/Application/PortalAuth/RefreshPortalTokens/RefreshPortalTokens.cs"] = (1, "one-time tokens spent"),
        ["src/Application/Scheduling/CapacitySlots.cs"] = (2, "slot counts; each marks the tenant's data changed with the caller's save"),
        ["src/Application/Texts/TextSender.cs"] = (1, "text claims, shown only to the office"),
        ["src/Application/PortalPaymentMethods/SavedPaymentMethodStore.cs"] = (1, "a row-lock counter; the change that follows is saved"),
        ["src/Infrastructure/Caching/DataChangeFeed.cs"] = (1, "the change feed's own cleanup"),
        ["src/Infrastructure/Imports/ImportWorker.cs"] = (3, "import progress, shown only to the office"),
        ["src/Infrastructure/Messaging/OutboxClaims.cs"] = (2, "outbox claims"),
        ["src/Infrastructure/Messaging/OutboxDispatcher.cs"] = (1, "outbox leases"),
        ["src/Infrastructure/Persistence/BulkInsert.cs"] = (2, "the import's bulk insert, which adds its DataChanges rows itself"),
        ["src/Infrastructure/Persistence/DatabaseStatistics.cs"] = (2, "ANALYZE and PRAGMA optimize: the query planner's statistics, no data"),
        ["src/Infrastructure/Persistence/PaymentLocks.cs"] = (1, "SELECT ... FOR UPDATE, a lock, no write"),
        ["src/Infrastructure/Persistence/SqliteConnectionSetup.cs"] = (1, "connection pragmas"),
        ["src/Infrastructure/Persistence/SqliteConnectionPool.cs"] = (1, "ANALYZE sqlite_schema, which reloads statistics"),
        ["src/Infrastructure/Scheduling/AvailableWindowSearch.cs"] = (1, "a read (SELECT with LIKE on the JSON column), no write"),
        ["src/Infrastructure/Webhooks/WebhookDeliveryWorker.cs"] = (2, "webhook delivery claims, shown only to the office"),
        ["src/Application/Webhooks/WebhookLogCleanup.cs"] = (1, "the delivery log's retention"),
    };

    [Fact]
    public void WritesOutsideSaveChanges_AreOnlyTheKnownOnes()
    {
        var found = SourceFiles.UnderSrc()
            .Where(path => !path.Contains("/Migrations/", StringComparison.Ordinal))
            .Select(path => (Path: path, Count: UntrackedWrite().Count(SourceFiles.Read(path))))
            .Where(f => f.Count > 0)
            .ToDictionary(f => f.Path, f => f.Count);

        Assert.Equal(
            Known.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {k.Value.Count}"),
            found.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {k.Value}"));
    }

    [GeneratedRegex(@"\.(ExecuteUpdate(Async)?|ExecuteDelete(Async)?|ExecuteSql(Raw|Interpolated)?(Async)?|ExecuteNonQuery(Async)?|BeginBinaryImport(Async)?|FromSql(Raw|Interpolated)?|SqlQuery(Raw)?)(<[^>]*>)?\(")]
    private static partial Regex UntrackedWrite();
}
