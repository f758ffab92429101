using System.Globalization;
using FluentValidation;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Organization;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Work;
using HeadlessPortal.Application.Common.Validation;

namespace HeadlessPortal.Application.Billing;

/// <summary>Money in minor units (cents): { "amount": 12345, "currency": "usd" }.</summary>
/// <param name="Amount">Minor units.</param>
/// <param name="Currency">ISO 4217, lowercase.</param>
public sealed record MoneyDocument(long Amount, string Currency);

/// <summary>A billed line; amount = quantity x unit price.</summary>
/// <param name="Description">What was billed.</param>
/// <param name="Quantity">Above zero; may be fractional (hours).</param>
/// <param name="UnitPrice">Price of one unit (negative for a discount).</param>
/// <param name="Amount">Quantity times unit price, rounded to the minor unit.</param>
public sealed record LineDocument(string Description, decimal Quantity, MoneyDocument UnitPrice, MoneyDocument Amount)
{
    public LineItem ToDomain() => new(Description, Quantity, UnitPrice.Amount, Amount.Amount);

    public static LineDocument From(LineItem line, string currency) =>
        new(line.Description, line.Quantity, new MoneyDocument(line.UnitPrice, currency), new MoneyDocument(line.Amount, currency));
}

internal sealed class MoneyDocumentValidator : AbstractValidator<MoneyDocument>
{
    public MoneyDocumentValidator() =>
        RuleFor(x => x.Currency).Must(CurrencyCode.IsValid).WithMessage("currency is a three-letter ISO 4217 code such as usd.");
}

internal sealed class LineDocumentValidator : AbstractValidator<LineDocument>
{
    public LineDocumentValidator()
    {
        RuleFor(x => x.Description).NotEmpty().WithMessage("description is required.").MaximumLength(LineItem.DescriptionMaxLength);
        RuleFor(x => x.Quantity).GreaterThan(0);
        RuleFor(x => x.UnitPrice).NotNull().SetValidator(new MoneyDocumentValidator());
        RuleFor(x => x.Amount).NotNull().SetValidator(new MoneyDocumentValidator());
        RuleFor(x => x.Amount.Amount)
            .Must((line, amount) => decimal.Round(line.Quantity * line.UnitPrice.Amount, MidpointRounding.AwayFromZero) == amount)
            .When(x => x.UnitPrice is not null && x.Amount is not null)
            .OverridePropertyName("amount")
            .WithMessage("amount must be quantity times unitPrice.");
    }
}

/// <summary>A payment the office recorded.</summary>
/// <param name="Reference">The back office's reference (check number, receipt).</param>
/// <param name="Amount">Above zero.</param>
/// <param name="PaidAt">When it was paid.</param>
/// <param name="Method">Such as cash, check, card.</param>
public sealed record PaymentDocument(string? Reference, MoneyDocument Amount, DateTimeOffset PaidAt, string? Method);

/// <summary>An invoice (PUT /v1/admin/invoices/{externalId}). Money is in minor units, all in one currency.</summary>
/// <param name="Number">The invoice number customers see.</param>
/// <param name="BillToCustomerId">The customer billed (the Bill-To).</param>
/// <param name="JobId">The job invoiced, if any.</param>
/// <param name="LocationId">The service location, if any.</param>
/// <param name="BusinessUnitId">The business unit.</param>
/// <param name="IssueDate">yyyy-MM-dd.</param>
/// <param name="DueDate">yyyy-MM-dd, on or after the issue date.</param>
/// <param name="Lines">The billed lines.</param>
/// <param name="Subtotal">The sum of the lines.</param>
/// <param name="Tax">Not negative.</param>
/// <param name="Total">Subtotal plus tax.</param>
/// <param name="Balance">What is still owed: 0 to total.</param>
/// <param name="Summary">Customer-facing summary.</param>
/// <param name="Payments">Payments the office recorded.</param>
public sealed record InvoiceDocument(string Number, string BillToCustomerId, string? JobId, string? LocationId, string? BusinessUnitId, DateOnly? IssueDate, DateOnly? DueDate,
    IReadOnlyList<LineDocument>? Lines, MoneyDocument Subtotal, MoneyDocument Tax, MoneyDocument Total, MoneyDocument Balance, string? Summary, IReadOnlyList<PaymentDocument>? Payments);

/// <summary>An invoice as the office sees it.</summary>
public sealed record InvoiceView(Guid Id, string ExternalId, string Number, string BillToCustomerId, string? JobId, string? LocationId, string? BusinessUnitId,
    DateOnly IssueDate, DateOnly? DueDate, IReadOnlyList<LineDocument> Lines, MoneyDocument Subtotal, MoneyDocument Tax, MoneyDocument Total, MoneyDocument Balance,
    string? Summary, IReadOnlyList<PaymentDocument> Payments, bool EverHadBalance, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);

internal sealed class InvoiceDocumentValidator : AbstractValidator<InvoiceDocument>
{
    public InvoiceDocumentValidator()
    {
        RuleFor(x => x.Number).NotEmpty().WithMessage("number is required.").MaximumLength(Invoice.NumberMaxLength);
        RuleFor(x => x.BillToCustomerId).NotEmpty().WithMessage("billToCustomerId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.IssueDate).NotNull().WithMessage("issueDate is required.");
        RuleFor(x => x.DueDate).GreaterThanOrEqualTo(x => x.IssueDate).When(x => x.DueDate is not null && x.IssueDate is not null).WithMessage("dueDate is on or after issueDate.");
        RuleFor(x => x.Lines).MaxItems(InvoiceAmounts.MaxLines).WithMessage($"At most {InvoiceAmounts.MaxLines} lines.");
        RuleForEach(x => x.Lines).SetValidator(new LineDocumentValidator());
        RuleFor(x => x.Subtotal).NotNull().WithMessage("subtotal is required.").SetValidator(new MoneyDocumentValidator());
        RuleFor(x => x.Tax).NotNull().WithMessage("tax is required.").SetValidator(new MoneyDocumentValidator());
        RuleFor(x => x.Total).NotNull().WithMessage("total is required.").SetValidator(new MoneyDocumentValidator());
        RuleFor(x => x.Balance).NotNull().WithMessage("balance is required.").SetValidator(new MoneyDocumentValidator());
        RuleFor(x => x.Summary).MaximumLength(Invoice.SummaryMaxLength);
        When(x => x.Subtotal is not null && x.Tax is not null && x.Total is not null && x.Balance is not null, () =>
        {
            RuleFor(x => x.Tax.Amount).GreaterThanOrEqualTo(0).OverridePropertyName("tax").WithMessage("tax is not negative.");
            RuleFor(x => x.Subtotal.Amount)
                .Must((doc, subtotal) => doc.Lines is null || doc.Lines.Any(l => l?.Amount is null) || doc.Lines.Sum(l => l.Amount.Amount) == subtotal)
                .OverridePropertyName("subtotal").WithMessage("subtotal must equal the sum of the lines.");
            RuleFor(x => x.Total.Amount).Must((doc, total) => total == doc.Subtotal.Amount + doc.Tax.Amount && total >= 0)
                .OverridePropertyName("total").WithMessage("total must equal subtotal plus tax, and not be negative.");
            RuleFor(x => x.Balance.Amount).Must((doc, balance) => balance >= 0 && balance <= doc.Total.Amount)
                .OverridePropertyName("balance").WithMessage("balance is never negative nor above the total.");
            RuleFor(x => x)
                .Must(doc => AllCurrencies(doc).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1)
                .OverridePropertyName("currency").WithMessage("Every amount of an invoice is in one currency.");
        });
        RuleFor(x => x.Payments).MaxItems(InvoiceAmounts.MaxPayments).WithMessage($"At most {InvoiceAmounts.MaxPayments} payments.");
        RuleForEach(x => x.Payments).ChildRules(p =>
        {
            p.RuleFor(x => x.Amount).NotNull();
            p.RuleFor(x => x.Amount.Amount).GreaterThan(0).OverridePropertyName("amount").When(x => x.Amount is not null).WithMessage("amount is above zero.");
            p.RuleFor(x => x.Reference).MaximumLength(RecordedPayment.TextMaxLength);
            p.RuleFor(x => x.Method).MaximumLength(RecordedPayment.TextMaxLength);
        });
    }

    private static IEnumerable<string> AllCurrencies(InvoiceDocument doc) =>
        new[] { doc.Subtotal.Currency, doc.Tax.Currency, doc.Total.Currency, doc.Balance.Currency }
            .Concat((doc.Lines ?? []).Where(l => l?.UnitPrice is not null && l.Amount is not null).SelectMany(l => new[] { l.UnitPrice.Currency, l.Amount.Currency }))
            .Concat((doc.Payments ?? []).Where(p => p?.Amount is not null).Select(p => p.Amount.Currency));
}

internal sealed class InvoiceSync(IValidator<InvoiceDocument> validator) : SyncResource<Invoice, InvoiceDocument, InvoiceView>(validator)
{
    public override string Name => "invoices";

    public override string ImportType => "invoice";

    public override int ApplyStage => 3;

    protected override string Singular => "invoice";

    protected override async Task<Invoice?> ApplyAsync(SyncContext context, Invoice? existing, string externalId, InvoiceDocument d, CancellationToken ct)
    {
        var billTo = await context.ResolveAsync<Customer>("billToCustomerId", d.BillToCustomerId, ct);
        var job = await context.ResolveAsync<Job>("jobId", d.JobId, ct);
        var location = await context.ResolveAsync<Location>("locationId", d.LocationId, ct);
        var unit = await context.ResolveAsync<BusinessUnit>("businessUnitId", d.BusinessUnitId, ct);
        if (context.HasErrors)
        {
            return null;
        }

        var links = new InvoiceLinks(billTo!.Value, job, location, unit);
        var amounts = new InvoiceAmounts(
            d.Total.Currency,
            (d.Lines ?? []).Select(l => l.ToDomain()).ToList(),
            d.Subtotal.Amount, d.Tax.Amount, d.Total.Amount, d.Balance.Amount,
            (d.Payments ?? []).Select(p => new RecordedPayment(p.Reference, p.Amount.Amount, p.PaidAt, p.Method)).ToList());
        if (existing is null)
        {
            return Invoice.Create(context.TenantId, externalId, d.Number, links, d.IssueDate!.Value, d.DueDate, amounts, d.Summary, context.Now);
        }

        existing.Update(d.Number, links, d.IssueDate!.Value, d.DueDate, amounts, d.Summary, context.Now);
        return existing;
    }

    protected override async Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<InvoiceDocument> documents, CancellationToken ct)
    {
        await context.PreloadAsync<Customer>(documents.Select(d => d.BillToCustomerId), ct);
        await context.PreloadAsync<Job>(documents.Select(d => d.JobId!), ct);
        await context.PreloadAsync<Location>(documents.Select(d => d.LocationId!), ct);
        await context.PreloadAsync<BusinessUnit>(documents.Select(d => d.BusinessUnitId!), ct);
    }

    public override InvoiceView ToView(Invoice i)
    {
        MoneyDocument Money(long amount) => new(amount, i.Currency);
        return new InvoiceView(i.Id, i.ExternalId, i.Number, i.BillToExternalId, i.JobExternalId, i.LocationExternalId, i.BusinessUnitExternalId,
            i.IssueDate, i.DueDate, i.Lines.Select(l => LineDocument.From(l, i.Currency)).ToList(), Money(i.Subtotal), Money(i.Tax), Money(i.Total), Money(i.Balance),
            i.Summary, i.Payments.Select(p => new PaymentDocument(p.Reference, Money(p.Amount), p.PaidAt, p.Method)).ToList(), i.EverHadBalance,
            i.CreatedAt, i.UpdatedAt, i.DeletedAt);
    }
}

/// <summary>An option of a proposal.</summary>
/// <param name="Name">Such as "Good", "Better", "Best".</param>
/// <param name="Description">What the option includes.</param>
/// <param name="Lines">Its lines.</param>
/// <param name="Total">The sum of its lines.</param>
/// <param name="Id">The option's id, unique within the proposal (an acceptance names it); when omitted, its 1-based position ("1", "2", ...).</param>
/// <param name="Recommended">Whether the company recommends this option; at most one per proposal.</param>
public sealed record ProposalOptionDocument(string Name, string? Description, IReadOnlyList<LineDocument>? Lines, MoneyDocument Total, string? Id = null, bool? Recommended = null);

/// <summary>A proposal / estimate (PUT /v1/admin/proposals/{externalId}).</summary>
/// <param name="Number">The proposal number customers see.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="LocationId">The location, if any.</param>
/// <param name="JobId">The job it came from, if any.</param>
/// <param name="Status">open, accepted, declined or expired.</param>
/// <param name="Summary">Customer-facing summary.</param>
/// <param name="FinancingOfferUrl">An https link to a financing offer.</param>
/// <param name="Options">One to ten options.</param>
/// <param name="ExpiresOn">The last day it can be accepted, in the company's time zone (it expires at the end of that day); omitted when it does not expire.</param>
/// <param name="Terms">The company's terms for this estimate, shown with it and on its PDF (at most 20,000 characters).</param>
/// <param name="EquipmentId">The equipment it is about, if any (may be synced after the proposal).</param>
public sealed record ProposalDocument(string Number, string CustomerId, string? LocationId, string? JobId, ProposalStatus? Status, string? Summary,
    string? FinancingOfferUrl, IReadOnlyList<ProposalOptionDocument>? Options, DateOnly? ExpiresOn = null, string? Terms = null, string? EquipmentId = null);

/// <summary>A proposal as the office sees it.</summary>
/// <param name="Id">The portal's id of the proposal.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="Number">The proposal number customers see.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="LocationId">The location, if any.</param>
/// <param name="JobId">The job it came from, if any.</param>
/// <param name="Status">The status the back office synced.</param>
/// <param name="Summary">Customer-facing summary.</param>
/// <param name="FinancingOfferUrl">An https link to a financing offer.</param>
/// <param name="Options">The options, each with its id.</param>
/// <param name="CreatedAt">When first synced.</param>
/// <param name="UpdatedAt">When last changed by a sync.</param>
/// <param name="DeletedAt">When deleted, if it was.</param>
/// <param name="ExpiresOn">The last day it can be accepted, in the company's time zone.</param>
/// <param name="Terms">The company's terms for this estimate.</param>
/// <param name="EquipmentId">The equipment it is about, if any.</param>
/// <param name="CustomerDecision">The customer's own decision with its evidence, beside the synced status (a later sync never erases it; one that says the same outcome
/// confirms it: confirmedBySync); null while undecided.</param>
public sealed record ProposalView(Guid Id, string ExternalId, string Number, string CustomerId, string? LocationId, string? JobId, ProposalStatus Status, string? Summary,
    string? FinancingOfferUrl, IReadOnlyList<ProposalOptionDocument> Options, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt,
    DateOnly? ExpiresOn, string? Terms, string? EquipmentId, Proposals.AdminProposalDecisionDto? CustomerDecision);

internal sealed class ProposalDocumentValidator : AbstractValidator<ProposalDocument>
{
    public ProposalDocumentValidator()
    {
        RuleFor(x => x.Number).NotEmpty().WithMessage("number is required.").MaximumLength(Proposal.NumberMaxLength);
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage("customerId is required.").MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Status).NotNull().WithMessage("status is required.").IsInEnum();
        RuleFor(x => x.Summary).MaximumLength(Proposal.SummaryMaxLength);
        RuleFor(x => x.Terms).MaximumLength(Proposal.TermsMaxLength);
        RuleFor(x => x.EquipmentId).MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.Options).Must(o => o is null || o.Select((option, i) => option.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal).Count() == o.Count)
            .WithMessage("Option ids are unique within a proposal (an option without one has its 1-based position).");
        RuleFor(x => x.Options).Must(o => o is null || o.Count(option => option.Recommended == true) <= 1).WithMessage("At most one option is recommended.");
        RuleFor(x => x.FinancingOfferUrl).Must(u => string.IsNullOrEmpty(u) || ContactRules.IsHttpsUrl(u)).WithMessage("financingOfferUrl must be an https URL.");
        RuleFor(x => x.Options).NotNull().Must(o => o is not { Count: 0 }).WithMessage($"options has 1 to {Proposal.MaxOptions} options.")
            .MaxItems(Proposal.MaxOptions).WithMessage($"options has 1 to {Proposal.MaxOptions} options.");
        RuleForEach(x => x.Options).ChildRules(o =>
        {
            o.RuleFor(x => x.Name).NotEmpty().MaximumLength(ProposalOption.NameMaxLength);
            o.RuleFor(x => x.Id).NotEmpty().MaximumLength(ProposalOption.IdMaxLength).When(x => x.Id is not null);
            o.RuleFor(x => x.Description).MaximumLength(ProposalOption.DescriptionMaxLength);
            o.RuleForEach(x => x.Lines).SetValidator(new LineDocumentValidator());
            o.RuleFor(x => x.Total).NotNull().SetValidator(new MoneyDocumentValidator());
            o.RuleFor(x => x.Total.Amount)
                .Must((option, total) => (option.Lines ?? []).Where(l => l?.Amount is not null).Sum(l => l.Amount.Amount) == total)
                .When(x => x.Total is not null).OverridePropertyName("total").WithMessage("total must equal the sum of the option's lines.");
        });
    }
}

internal sealed class ProposalSync(IValidator<ProposalDocument> validator) : SyncResource<Proposal, ProposalDocument, ProposalView>(validator)
{
    public override string Name => "proposals";

    public override string ImportType => "proposal";

    public override int ApplyStage => 3;

    protected override string Singular => "proposal";

    protected override async Task<Proposal?> ApplyAsync(SyncContext context, Proposal? existing, string externalId, ProposalDocument d, CancellationToken ct)
    {
        var customer = await context.ResolveAsync<Customer>("customerId", d.CustomerId, ct);
        var location = await context.ResolveAsync<Location>("locationId", d.LocationId, ct);
        var job = await context.ResolveAsync<Job>("jobId", d.JobId, ct);
        var equipment = await context.ResolveLooseAsync<Equipment>(d.EquipmentId, ct);
        if (context.HasErrors)
        {
            return null;
        }

        var options = d.Options!.Select(o => new ProposalOption(o.Name, o.Description, (o.Lines ?? []).Select(l => l.ToDomain()).ToList(), o.Total.Amount, o.Id, o.Recommended == true)).ToList();
        var currency = d.Options![0].Total.Currency;
        if (existing is null)
        {
            return Proposal.Create(context.TenantId, externalId, d.Number, customer!.Value, location, job, d.Status!.Value, d.Summary, d.FinancingOfferUrl, currency, options, context.Now,
                d.ExpiresOn, d.Terms, equipment);
        }

        existing.Update(d.Number, customer!.Value, location, job, d.Status!.Value, d.Summary, d.FinancingOfferUrl, currency, options, context.Now, d.ExpiresOn, d.Terms, equipment);
        return existing;
    }

    protected override async Task PreloadReferencesAsync(SyncContext context, IReadOnlyList<ProposalDocument> documents, CancellationToken ct)
    {
        await context.PreloadAsync<Customer>(documents.Select(d => d.CustomerId), ct);
        await context.PreloadAsync<Location>(documents.Select(d => d.LocationId!), ct);
        await context.PreloadAsync<Job>(documents.Select(d => d.JobId!), ct);
    }

    public override ProposalView ToView(Proposal p) => new(p.Id, p.ExternalId, p.Number, p.CustomerExternalId, p.LocationExternalId, p.JobExternalId, p.Status,
        p.Summary, p.FinancingOfferUrl,
        p.Options.Select(o => new ProposalOptionDocument(o.Name, o.Description, o.Lines.Select(l => LineDocument.From(l, p.Currency)).ToList(), new MoneyDocument(o.Total, p.Currency), o.Id, o.Recommended)).ToList(),
        p.CreatedAt, p.UpdatedAt, p.DeletedAt, p.ExpiresOn, p.Terms, p.EquipmentExternalId, p.Decision is { } decision ? Proposals.AdminProposalDecisionDto.From(decision, p.DecisionConfirmedBySync) : null);
}
