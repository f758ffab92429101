using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Organization;

/// <summary>A phone number the tenant sends SMS from (job milestones); E.164.</summary>
public sealed class SenderPhoneNumber : ITenantOwned
{
    private SenderPhoneNumber()
    {
        Number = null!;
    }

    private SenderPhoneNumber(TenantId tenantId, string number, string? label, DateTimeOffset now)
    {
        Id = UuidV7.NewGuid();
        TenantId = tenantId;
        Number = number;
        Label = label;
        CreatedAt = now;
    }

    public const int LabelMaxLength = 100;

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public string Number { get; private set; }

    public string? Label { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static SenderPhoneNumber Create(TenantId tenantId, string number, string? label, DateTimeOffset now)
    {
        if (!ContactRules.IsE164Phone(number))
        {
            throw new DomainException("invalid_phone", "A phone number is in E.164 form, such as +15555550123.");
        }

        var trimmedLabel = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (trimmedLabel is { Length: > LabelMaxLength })
        {
            throw new DomainException("too_long", $"A label has at most {LabelMaxLength} characters.");
        }

        return new SenderPhoneNumber(tenantId, number, trimmedLabel, now);
    }
}
