using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Webhooks;

/// <summary>
/// An integrator's HTTPS endpoint that receives the tenant's events it subscribed to, signed with its secret. The secret
/// is kept protected (encrypted by the application) and shown in clear once, when it is made. After a rotation the
/// previous secret keeps signing, beside the new one, for <see cref="RotationOverlap"/>, so the receiver can switch
/// without missing an event. An endpoint whose deliveries have failed without a success for
/// <see cref="FailureWindow"/> is disabled.
/// </summary>
public sealed class WebhookEndpoint : ITenantOwned
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 500;
    public const int ProtectedSecretMaxLength = 1000;
    public const int DisabledReasonMaxLength = 200;
    public const int MaxEventTypes = 50;

    /// <summary>How long the previous secret still signs after a rotation.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    /// <summary>How long an endpoint may fail without a success before it is disabled; also how long a delivery is retried.</summary>
    public static readonly TimeSpan FailureWindow = TimeSpan.FromDays(3);

    private List<string> _eventTypes = [];

    private WebhookEndpoint()
    {
        Url = null!;
        Secret = null!;
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string Url { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The subscribed event types (see <see cref="WebhookEventTypes"/>).</summary>
    public IReadOnlyList<string> EventTypes => _eventTypes;

    public bool Enabled { get; private set; }

    /// <summary>Why it was disabled: by an admin (<c>disabled_by_admin</c>) or after failing (<c>failing</c>); null while enabled.</summary>
    public string? DisabledReason { get; private set; }

    /// <summary>The signing secret, protected for storage.</summary>
    public string Secret { get; private set; }

    /// <summary>The secret before the last rotation, protected; signs too until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    /// <summary>When the current run of failed attempts began; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static WebhookEndpoint Create(TenantId tenantId, string url, IEnumerable<string> eventTypes, string? description, string protectedSecret, DateTimeOffset now)
    {
        var endpoint = new WebhookEndpoint
        {
            Id = UuidV7.NewGuid(),
            TenantId = tenantId,
            Secret = protectedSecret,
            Enabled = true,
            CreatedAt = now,
        };
        endpoint.Change(url, eventTypes, description, now);
        return endpoint;
    }

    /// <summary>Changes where it points, what it receives and its description.</summary>
    public void Change(string url, IEnumerable<string> eventTypes, string? description, DateTimeOffset now)
    {
        var types = eventTypes.Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0 || types.Count > MaxEventTypes || types.Any(t => !WebhookEventTypes.IsKnown(t)))
        {
            throw new DomainException("unknown_event_type", "An endpoint subscribes to at least one of the documented event types.");
        }

        Url = url.Length <= UrlMaxLength ? url : throw new DomainException("too_long", $"A URL has at most {UrlMaxLength} characters.");
        _eventTypes = types;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UpdatedAt = now;
    }

    public bool Subscribes(string type) => _eventTypes.Contains(type, StringComparer.Ordinal);

    public void Enable(DateTimeOffset now)
    {
        Enabled = true;
        DisabledReason = null;
        FailingSince = null;
        UpdatedAt = now;
    }

    public void Disable(string reason, DateTimeOffset now)
    {
        Enabled = false;
        DisabledReason = reason;
        UpdatedAt = now;
    }

    /// <summary>A new secret signs from now on; the current one keeps signing beside it for <see cref="RotationOverlap"/>.</summary>
    public void RotateSecret(string protectedSecret, DateTimeOffset now)
    {
        PreviousSecret = Secret;
        PreviousSecretExpiresAt = now + RotationOverlap;
        Secret = protectedSecret;
        UpdatedAt = now;
    }

    /// <summary>The protected secrets that sign at <paramref name="now"/>: the current one first, then the previous one while it overlaps.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    /// <summary>An attempt reached the endpoint and it answered with success.</summary>
    public void Succeeded() => FailingSince = null;

    /// <summary>
    /// An attempt failed. Returns true when this failure disables the endpoint: it has failed without a success since
    /// <see cref="FailureWindow"/> ago or longer.
    /// </summary>
    public bool Failed(DateTimeOffset now)
    {
        FailingSince ??= now;
        if (!Enabled || now - FailingSince.Value < FailureWindow)
        {
            return false;
        }

        Disable(FailingReason, now);
        return true;
    }

    public const string FailingReason = "failing";
    public const string DisabledByAdminReason = "disabled_by_admin";
}
