using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Messaging;

/// <summary>Where an outbox message stands in its delivery.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its first delivery attempt (or handed back for another).</summary>
    Pending,

    /// <summary>Tried and failed; tried again at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Failed,

    /// <summary>Given up: a permanent failure, or the attempt limit reached. Only an admin retry revives it.</summary>
    Dead,

    /// <summary>Delivered to every handler of its type.</summary>
    Sent,

    /// <summary>
    /// Recorded, but no handler takes its type yet (a domain event nothing subscribes to), so nothing was delivered.
    /// Kept, payload and all, for the subscribers to come; nothing picks it up by itself (a late delivery could be stale),
    /// a retry makes it pending again.
    /// </summary>
    NoSubscriber,
}

/// <summary>
/// A side effect (domain event, email) written in the same transaction as the change that caused it and
/// delivered afterwards, at least once, by a dispatcher.
/// A dispatcher claims a due message (pending or failed, next attempt reached, no live lease) by setting a
/// lease (<see cref="LockedBy"/>, <see cref="LockedUntil"/>) and counting the attempt in the same statement;
/// the outcome then ends the lease: <see cref="Delivered"/> (sent), <see cref="NoSubscriber"/> (no handler takes its
/// type), <see cref="DeliveryFailed"/> (failed, or dead once the attempts are used up), or
/// <see cref="ReleaseExpiredLease"/> when the holder vanished.
/// </summary>
public sealed class OutboxMessage : ITenantOwned
{
    public const int TypeMaxLength = 100;
    public const int LockedByMaxLength = 200;
    public const int LastErrorMaxLength = 1000;

    private OutboxMessage()
    {
        Type = null!;
        Payload = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string Type { get; private set; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>When it was sent; null until then.</summary>
    public DateTimeOffset? ProcessedAt { get; private set; }

    public OutboxStatus Status { get; private set; }

    /// <summary>Delivery attempts started; counted when a dispatcher claims the message.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the message is due (again); null once sent or dead.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>The dispatcher instance holding the message while it delivers it.</summary>
    public string? LockedBy { get; private set; }

    /// <summary>Until when the holder's lease is valid; past it, another dispatcher may claim the message.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>Why the last attempt failed, shortened; never a payload.</summary>
    public string? LastError { get; private set; }

    public static OutboxMessage For(TenantId tenantId, string type, string payload, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? UuidV7.NewGuid(),
        TenantId = tenantId,
        Type = type.Length <= TypeMaxLength ? type : throw new DomainException("too_long", "An event type has at most 100 characters."),
        Payload = payload,
        OccurredAt = now,
        Status = OutboxStatus.Pending,
        NextAttemptAt = now,
    };

    /// <summary>
    /// Whether the message is still under the claim <paramref name="holder"/> made with a lease until
    /// <paramref name="leaseUntil"/>: nobody released it or claimed it again since (an expired lease nobody took
    /// over still counts, so a slow delivery is recorded rather than repeated).
    /// </summary>
    public bool IsClaimedBy(string holder, DateTimeOffset leaseUntil) => LockedBy == holder && LockedUntil == leaseUntil;

    /// <summary>The holder delivered the message; <paramref name="payloadAfterDelivery"/> replaces the payload when given.</summary>
    public void Delivered(DateTimeOffset now, string? payloadAfterDelivery = null)
    {
        EnsureClaimed();
        Status = OutboxStatus.Sent;
        ProcessedAt = now;
        NextAttemptAt = null;
        LastError = null;
        Payload = payloadAfterDelivery ?? Payload;
        ReleaseLease();
    }

    /// <summary>
    /// The holder found no handler for the message's type: nothing was delivered, so it is not sent. It keeps its
    /// payload and waits, due for nothing, until it is retried.
    /// </summary>
    public void NoSubscriber()
    {
        EnsureClaimed();
        Status = OutboxStatus.NoSubscriber;
        NextAttemptAt = null;
        LastError = null;
        ReleaseLease();
    }

    /// <summary>
    /// The holder's attempt failed. A permanent failure, or a failure of the last allowed attempt, makes the
    /// message dead; otherwise it is tried again after the policy's delay.
    /// </summary>
    /// <param name="error">What went wrong, without secrets; shortened to <see cref="LastErrorMaxLength"/>.</param>
    /// <param name="permanent">Whether trying again cannot help.</param>
    /// <param name="policy">Attempt limit and backoff.</param>
    /// <param name="now">The current time.</param>
    /// <param name="jitter">A random number in [0, 1) spreading the retries of messages that failed together.</param>
    public void DeliveryFailed(string error, bool permanent, RetryPolicy policy, DateTimeOffset now, double jitter)
    {
        EnsureClaimed();
        LastError = Shorten(error);
        if (permanent || Attempts >= policy.MaxAttempts)
        {
            Status = OutboxStatus.Dead;
            NextAttemptAt = null;
        }
        else
        {
            Status = OutboxStatus.Failed;
            NextAttemptAt = now + policy.DelayAfter(Attempts, jitter);
        }

        ReleaseLease();
    }

    /// <summary>
    /// The lease ran out without an outcome (the holder crashed or hung). The attempt was already counted when
    /// the message was claimed, so it is not counted again: the message is due at once, or dead when that was its
    /// last allowed attempt (a message that keeps killing its dispatcher must not be retried forever).
    /// </summary>
    public void ReleaseExpiredLease(RetryPolicy policy, DateTimeOffset now)
    {
        if (Status is not (OutboxStatus.Pending or OutboxStatus.Failed) || LockedUntil is not { } until || until > now)
        {
            throw new DomainException("lease_not_expired", "Only a message whose lease has expired can be released.", DomainErrorKind.Conflict);
        }

        ReleaseLease();
        if (Attempts >= policy.MaxAttempts)
        {
            Status = OutboxStatus.Dead;
            NextAttemptAt = null;
            LastError = Shorten($"The delivery did not finish within its lease (attempt {Attempts} of {policy.MaxAttempts}); the dispatcher stopped or hung.");
        }
        else
        {
            Status = OutboxStatus.Pending;
            NextAttemptAt = now;
        }
    }

    /// <summary>
    /// An admin asks for another try: a failed, dead or unsubscribed message becomes pending now, with its attempts
    /// reset (the last error stays for reference). A sent message cannot be retried.
    /// </summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status == OutboxStatus.Sent)
        {
            throw new DomainException("message_already_sent", "The message was already sent.", DomainErrorKind.Conflict);
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    private void EnsureClaimed()
    {
        if (LockedBy is null || Status is not (OutboxStatus.Pending or OutboxStatus.Failed))
        {
            throw new DomainException("message_not_claimed", "Only a claimed message records a delivery outcome.", DomainErrorKind.Conflict);
        }
    }

    private void ReleaseLease()
    {
        LockedBy = null;
        LockedUntil = null;
    }

    private static string Shorten(string error) =>
        error.Length <= LastErrorMaxLength ? error : error[..(LastErrorMaxLength - 1)] + "…";
}
