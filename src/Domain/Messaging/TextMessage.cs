using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Messaging;

/// <summary>Where a text is on its way to the customer; statuses after <see cref="Sending"/> are Twilio's.</summary>
public enum TextMessageStatus
{
    /// <summary>Recorded, waiting for its due time (quiet hours) or for a sender to pick it up.</summary>
    Scheduled,

    /// <summary>A sender claimed it and is handing it to the SMS provider.</summary>
    Sending,

    /// <summary>The provider accepted it.</summary>
    Queued,

    /// <summary>The provider passed it to the carrier.</summary>
    Sent,

    /// <summary>The carrier reported it delivered.</summary>
    Delivered,

    /// <summary>The carrier could not deliver it.</summary>
    Undelivered,

    /// <summary>The provider refused it, or it could not be sent after every attempt.</summary>
    Failed,

    /// <summary>Not sent: the number opted out before the text was due.</summary>
    Canceled,
}

/// <summary>
/// A text to a customer about a job milestone: at most one per tenant, milestone and subject (the appointment, job or
/// invoice), whatever the number of times the event is delivered. Statuses only move forward.
/// </summary>
public sealed class TextMessage : ITenantOwned
{
    public const int MilestoneMaxLength = 50;
    public const int PhoneMaxLength = 20;
    public const int BodyMaxLength = 1600;
    public const int ProviderIdMaxLength = 64;
    public const int ErrorMaxLength = 500;
    public const int MaxAttempts = 5;

    private TextMessage()
    {
        Milestone = To = From = Body = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    /// <summary>The event the text is about, such as technician.dispatched.</summary>
    public string Milestone { get; private set; }

    /// <summary>The appointment, job or invoice the event is about.</summary>
    public Guid SubjectId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string To { get; private set; }

    public string From { get; private set; }

    public string Body { get; private set; }

    public TextMessageStatus Status { get; private set; }

    /// <summary>When it may be sent: its creation, or 08:00 after quiet hours.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>True when quiet hours held it.</summary>
    public bool Held { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Until when the sender that claimed it owns it; another may take it over afterwards.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>The provider's id (Twilio's message SID).</summary>
    public string? ProviderMessageId { get; private set; }

    public string? ErrorCode { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public static TextMessage Create(
        TenantId tenantId, string milestone, Guid subjectId, Guid customerId, string to, string from, string body, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (!ContactRules.IsE164Phone(to) || !ContactRules.IsE164Phone(from))
        {
            throw new DomainException("invalid_phone", "A text goes between numbers in E.164 form.");
        }

        var text = Guard.Required(body, "Body", BodyMaxLength);
        return new TextMessage
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            Milestone = Guard.Required(milestone, "Milestone", MilestoneMaxLength),
            SubjectId = subjectId,
            CustomerId = customerId,
            To = to,
            From = from,
            Body = text,
            Status = TextMessageStatus.Scheduled,
            DueAt = dueAt < now ? now : dueAt,
            Held = dueAt > now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The order of statuses: a report of an earlier one (callbacks arrive in any order) changes nothing.</summary>
    public static int Rank(TextMessageStatus status) => status switch
    {
        TextMessageStatus.Scheduled => 0,
        TextMessageStatus.Sending => 1,
        TextMessageStatus.Queued => 2,
        TextMessageStatus.Sent => 3,
        _ => 4,
    };

    /// <summary>The provider accepted it.</summary>
    public void Accepted(string providerMessageId, TextMessageStatus status, DateTimeOffset now)
    {
        ProviderMessageId = providerMessageId;
        Status = Rank(status) >= Rank(TextMessageStatus.Queued) ? status : TextMessageStatus.Queued;
        LockedUntil = null;
        SentAt = now;
        UpdatedAt = now;
    }

    /// <summary>Sending failed; it is tried again after a pause, or fails for good after <see cref="MaxAttempts"/> or when <paramref name="permanent"/>.</summary>
    public void SendFailed(string? code, string error, bool permanent, DateTimeOffset retryAt, DateTimeOffset now)
    {
        ErrorCode = code is { Length: > 0 } ? code[..Math.Min(code.Length, ProviderIdMaxLength)] : null;
        Error = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        LockedUntil = null;
        UpdatedAt = now;
        if (permanent || Attempts >= MaxAttempts)
        {
            Status = TextMessageStatus.Failed;
            return;
        }

        Status = TextMessageStatus.Scheduled;
        DueAt = retryAt;
    }

    /// <summary>Not sent: the number opted out (or can no longer be texted) before it was due.</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        Status = TextMessageStatus.Canceled;
        Error = reason;
        LockedUntil = null;
        UpdatedAt = now;
    }

    /// <summary>A delivery report from the provider; answers whether it moved the status forward.</summary>
    public bool Report(TextMessageStatus status, string? errorCode, DateTimeOffset now)
    {
        if (Rank(status) <= Rank(Status) || Status is TextMessageStatus.Canceled)
        {
            return false;
        }

        Status = status;
        if (errorCode is { Length: > 0 })
        {
            ErrorCode = errorCode.Length > ProviderIdMaxLength ? errorCode[..ProviderIdMaxLength] : errorCode;
        }

        UpdatedAt = now;
        return true;
    }
}

/// <summary>A phone number that replied STOP to one tenant's sender number: it gets no text from that tenant until it replies START.</summary>
public sealed class SmsOptOut : ITenantOwned
{
    private SmsOptOut()
    {
        PhoneNumber = Keyword = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string PhoneNumber { get; private set; }

    /// <summary>What the customer replied (STOP, UNSUBSCRIBE, ...).</summary>
    public string Keyword { get; private set; }

    public DateTimeOffset OptedOutAt { get; private set; }

    public static SmsOptOut Record(TenantId tenantId, string phoneNumber, string keyword, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        PhoneNumber = phoneNumber,
        Keyword = keyword.Length > 20 ? keyword[..20] : keyword,
        OptedOutAt = now,
    };
}

/// <summary>A tenant's own wording of one milestone's text; milestones without one use the default.</summary>
public sealed class TextTemplate : ITenantOwned
{
    public const int BodyMaxLength = 640;

    private TextTemplate()
    {
        Milestone = Body = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string Milestone { get; private set; }

    public string Body { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static TextTemplate Create(TenantId tenantId, string milestone, string body, DateTimeOffset now) => new()
    {
        Id = UuidV7.NewGuid(),
        TenantId = tenantId,
        Milestone = Guard.Required(milestone, "Milestone", TextMessage.MilestoneMaxLength),
        Body = Guard.Required(body, "Body", BodyMaxLength),
        Version = 1,
        UpdatedAt = now,
    };

    public void Update(string body, DateTimeOffset now)
    {
        Body = Guard.Required(body, "Body", BodyMaxLength);
        Version++;
        UpdatedAt = now;
    }
}
