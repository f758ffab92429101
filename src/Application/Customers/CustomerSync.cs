using FluentValidation;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Application.Common.Validation;

namespace HeadlessPortal.Application.Customers;

/// <summary>A customer as the back office sends it (PUT /v1/admin/customers/{externalId}).</summary>
/// <param name="Kind">residential or commercial.</param>
/// <param name="Name">The household's or company's name.</param>
/// <param name="Emails">Email addresses on the record.</param>
/// <param name="Phones">Phone numbers, E.164, each with an SMS opt-out flag.</param>
/// <param name="BillingAddress">Where invoices go.</param>
public sealed record CustomerDocument(CustomerKind? Kind, string Name, IReadOnlyList<string>? Emails, IReadOnlyList<PhoneDocument>? Phones, AddressDocument? BillingAddress);

/// <summary>A phone number on a customer record.</summary>
/// <param name="Number">E.164, such as +15555550123.</param>
/// <param name="Label">Such as mobile, home, office.</param>
/// <param name="SmsOptOut">The customer asked not to get SMS on this number.</param>
public sealed record PhoneDocument(string Number, string? Label, bool SmsOptOut);

/// <summary>A customer as the office sees it.</summary>
public sealed record CustomerView(
    Guid Id,
    string ExternalId,
    CustomerKind Kind,
    string Name,
    IReadOnlyList<string> Emails,
    IReadOnlyList<PhoneDocument> Phones,
    AddressDocument? BillingAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt);

internal sealed class CustomerDocumentValidator : AbstractValidator<CustomerDocument>
{
    public CustomerDocumentValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("kind is required: residential or commercial.").IsInEnum();
        RuleFor(x => x.Name).NotEmpty().WithMessage("name is required.").MaximumLength(Limits.NameMaxLength);
        RuleFor(x => x.Emails).MaxItems(Customer.MaxEmails).WithMessage($"At most {Customer.MaxEmails} emails.");
        RuleForEach(x => x.Emails).Must(ContactRules.IsEmail).WithMessage("Each email must be a valid address.");
        RuleFor(x => x.Phones).MaxItems(Customer.MaxPhones).WithMessage($"At most {Customer.MaxPhones} phones.");
        RuleForEach(x => x.Phones).ChildRules(p =>
        {
            p.RuleFor(x => x.Number).Must(ContactRules.IsE164Phone).WithMessage("number must be in E.164 form, such as +15555550123.");
            p.RuleFor(x => x.Label).MaximumLength(Customer.PhoneLabelMaxLength);
        });
        RuleFor(x => x.BillingAddress!).SetValidator(new AddressDocumentValidator()).When(x => x.BillingAddress is not null);
    }
}

internal sealed class CustomerSync(IValidator<CustomerDocument> validator) : SyncResource<Customer, CustomerDocument, CustomerView>(validator)
{
    public override string Name => "customers";

    public override string ImportType => "customer";

    protected override string Singular => "customer";

    protected override Task<Customer?> ApplyAsync(SyncContext context, Customer? existing, string externalId, CustomerDocument document, CancellationToken ct)
    {
        var phones = (document.Phones ?? []).Select(p => new CustomerPhone(p.Number, p.Label, p.SmsOptOut));
        var address = document.BillingAddress?.ToDomain();
        if (existing is null)
        {
            return Task.FromResult<Customer?>(Customer.Create(context.TenantId, externalId, document.Kind!.Value, document.Name, document.Emails ?? [], phones, address, context.Now));
        }

        existing.Update(document.Kind!.Value, document.Name, document.Emails ?? [], phones, address, context.Now);
        return Task.FromResult<Customer?>(existing);
    }

    public override CustomerView ToView(Customer c) => new(
        c.Id, c.ExternalId, c.Kind, c.Name, c.Emails,
        c.Phones.Select(p => new PhoneDocument(p.Number, p.Label, p.SmsOptOut)).ToList(),
        AddressDocument.From(c.BillingAddress), c.CreatedAt, c.UpdatedAt, c.DeletedAt);
}
