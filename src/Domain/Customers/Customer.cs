using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Customers;

public enum CustomerKind
{
    Residential,
    Commercial,
}

/// <summary>A phone number on a customer record; SMS go to it only while it is not opted out.</summary>
public sealed record CustomerPhone(string Number, string? Label, bool SmsOptOut);

/// <summary>A customer of the company: a household or a business, with its billing address.</summary>
public sealed class Customer : SyncedEntity
{
    public const int MaxEmails = 10;
    public const int MaxPhones = 10;
    public const int PhoneLabelMaxLength = 50;

    private List<string> _emails = [];
    private List<CustomerPhone> _phones = [];
    private CustomerKind _kind;
    private string _name = null!;
    private Address? _billingAddress;

    private Customer()
    {
    }

    private Customer(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public CustomerKind Kind => _kind;

    public string Name => _name;

    public IReadOnlyList<string> Emails => _emails;

    public IReadOnlyList<CustomerPhone> Phones => _phones;

    public Address? BillingAddress => _billingAddress;

    public static Customer Create(TenantId tenantId, string externalId, CustomerKind kind, string name, IEnumerable<string> emails, IEnumerable<CustomerPhone> phones, Address? billingAddress, DateTimeOffset now)
    {
        var customer = new Customer(tenantId, externalId, now);
        customer.Update(kind, name, emails, phones, billingAddress, now);
        return customer;
    }

    /// <summary>Applies the back office's current values; answers whether anything changed.</summary>
    public bool Update(CustomerKind kind, string name, IEnumerable<string> emails, IEnumerable<CustomerPhone> phones, Address? billingAddress, DateTimeOffset now)
    {
        var emailList = emails.Select(e => e.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (emailList.Count > MaxEmails || emailList.Any(e => !ContactRules.IsEmail(e)))
        {
            throw new DomainException("invalid_email", $"A customer has at most {MaxEmails} valid email addresses.");
        }

        var phoneList = phones.ToList();
        if (phoneList.Count > MaxPhones || phoneList.Any(p => !ContactRules.IsE164Phone(p.Number) || p.Label is { Length: > PhoneLabelMaxLength }))
        {
            throw new DomainException("invalid_phone", $"A customer has at most {MaxPhones} phone numbers in E.164 form.");
        }

        var changed = Set(ref _kind, kind);
        changed |= Set(ref _name, Guard.Required(name, "Name", Limits.NameMaxLength));
        changed |= Set(ref _billingAddress, billingAddress);
        if (!emailList.SequenceEqual(_emails, StringComparer.Ordinal))
        {
            _emails = emailList;
            changed = true;
        }

        if (!phoneList.SequenceEqual(_phones))
        {
            _phones = phoneList;
            changed = true;
        }

        return Stamp(changed, now);
    }
}
