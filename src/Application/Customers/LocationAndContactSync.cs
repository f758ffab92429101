using FluentValidation;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;

namespace HeadlessPortal.Application.Customers;

/// <summary>A service location (PUT /v1/admin/locations/{externalId}).</summary>
/// <param name="CustomerId">The customer's external id.</param>
/// <param name="Name">Such as "Main house" or "Store #12".</param>
/// <param name="Address">Where the work happens.</param>
public sealed record LocationDocument(string CustomerId, string? Name, AddressDocument Address);

/// <summary>A service location as the office sees it.</summary>
public sealed record LocationView(Guid Id, string ExternalId, string CustomerId, string? Name, AddressDocument Address,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class LocationDocumentValidator : AbstractValidator<LocationDocument>
{
    public LocationDocumentValidator()
    {
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("customerId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Name).MaximumLength(Limits.NameMaxLength);
        RuleFor(x => x.Address).NotNull().WithMessage("address is required.").SetValidator(new AddressDocumentValidator());
    }
}

internal sealed class LocationSync(IValidator<LocationDocument> validator) : SyncResource<Location, LocationDocument, LocationView>(validator)
{
    public override string Name => "locations";

    public override string ImportType => "location";

    public override int ApplyStage => 1;

    protected override string Singular => "location";

    protected override async Task<Location?> ApplyAsync(SyncContext context, Location? existing, string externalId, LocationDocument document, CancellationToken ct)
    {
        var customer = await context.ResolveAsync<Customer>("customerId", document.CustomerId, ct);
        if (customer is null)
        {
            return null;
        }

        if (existing is null)
        {
            return Location.Create(context.TenantId, externalId, customer.Value, document.Name, document.Address.ToDomain(), context.Now);
        }

        existing.Update(customer.Value, document.Name, document.Address.ToDomain(), context.Now);
        return existing;
    }

    protected override Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<LocationDocument> documents, CancellationToken ct) =>
        context.PreloadAsync<Customer>(documents.Select(d => d.CustomerId), ct);

    public override LocationView ToView(Location l) =>
        new(l.Id, l.ExternalId, l.CustomerExternalId, l.Name, AddressDocument.From(l.Address)!, l.CreatedAt, l.UpdatedAt, l.DeletedAt);
}

/// <summary>A portal contact on a customer record (PUT /v1/admin/contacts/{externalId}).</summary>
/// <param name="CustomerId">The customer's external id.</param>
/// <param name="Email">The person's email; their portal identity.</param>
/// <param name="Memo">Internal note for the office; never shown to customers.</param>
/// <param name="AccessLevel">billing (default: invoices, payments, estimates too) or serviceOnly.</param>
/// <param name="Name">The person's name, such as "Pat Thompson": the portal's emails greet them by it. Optional; without it they say "Hello".</param>
public sealed record ContactDocument(string CustomerId, string Email, string? Memo, AccessLevel? AccessLevel, string? Name = null);

/// <summary>A portal contact as the office sees it.</summary>
public sealed record ContactView(Guid Id, string ExternalId, string CustomerId, string Email, string? Name, string? Memo, AccessLevel AccessLevel,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class ContactDocumentValidator : AbstractValidator<ContactDocument>
{
    public ContactDocumentValidator()
    {
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("customerId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Email).Must(e => ContactRules.IsEmail(e?.Trim())).WithMessage("email must be a valid email address.");
        RuleFor(x => x.Memo).MaximumLength(PortalContact.MemoMaxLength);
        RuleFor(x => x.Name).MaximumLength(PortalContact.NameMaxLength);
        RuleFor(x => x.AccessLevel).IsInEnum();
    }
}

internal sealed class ContactSync(IValidator<ContactDocument> validator) : SyncResource<PortalContact, ContactDocument, ContactView>(validator)
{
    public override string Name => "contacts";

    public override string ImportType => "contact";

    public override int ApplyStage => 1;

    protected override string Singular => "contact";

    protected override async Task<PortalContact?> ApplyAsync(SyncContext context, PortalContact? existing, string externalId, ContactDocument document, CancellationToken ct)
    {
        var customer = await context.ResolveAsync<Customer>("customerId", document.CustomerId, ct);
        if (customer is null)
        {
            return null;
        }

        var level = document.AccessLevel ?? AccessLevel.Billing;
        if (existing is null)
        {
            return PortalContact.Create(context.TenantId, externalId, customer.Value, document.Email, document.Memo, level, context.Now, document.Name);
        }

        existing.Update(customer.Value, document.Email, document.Memo, level, context.Now, document.Name);
        return existing;
    }

    protected override Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<ContactDocument> documents, CancellationToken ct) =>
        context.PreloadAsync<Customer>(documents.Select(d => d.CustomerId), ct);

    public override ContactView ToView(PortalContact c) =>
        new(c.Id, c.ExternalId, c.CustomerExternalId, c.Email, c.Name, c.Memo, c.AccessLevel, c.CreatedAt, c.UpdatedAt, c.DeletedAt);
}
