using System.ComponentModel.DataAnnotations;
using Mediator;
using HeadlessPortal.Application.Common.Auditing;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Messaging;
using HeadlessPortal.Application.Common.Serialization;
using HeadlessPortal.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PortalSettings.UpdatePortalSettings;

/// <summary>Replaces the portal settings when <paramref name="ExpectedVersion"/> is still current.</summary>
public sealed record UpdatePortalSettingsCommand(
    int ExpectedVersion,
    bool? Enabled,
    FeaturesInput? Features,
    AppointmentTimeDisplay? AppointmentTimeDisplay,
    IReadOnlyList<AgreementStatus>? VisibleAgreementStatuses,
    IReadOnlyList<string>? VisibleBusinessUnitIds,
    IReadOnlyList<SignInMethod>? SignInMethods,
    BrandingDto? Branding,
    SmsNotificationsInput? SmsNotifications,
    EmailNotificationsInput? EmailNotifications,
    OnlinePaymentsInput? OnlinePayments,
    string? PublicReviewUrl = null) : ITransactionalCommand<Result<PortalSettingsDto>>;

/// <summary>The editable settings: the document GET returns, changed. Every field here is required; read-only fields are ignored.</summary>
/// <param name="Enabled">Portal on or off; on requires the accepted legal agreement.</param>
/// <param name="Features">Every feature flag.</param>
/// <param name="AppointmentTimeDisplay">arrivalWindow or dateOnly.</param>
/// <param name="VisibleAgreementStatuses">Agreement statuses customers may see (may be empty).</param>
/// <param name="VisibleBusinessUnitIds">External ids of business units whose invoices customers see; empty means all.</param>
/// <param name="SignInMethods">At least one of password, magicLink, phoneLastFour.</param>
/// <param name="Branding">Display name, logo URL and primary color; null fields fall back to the account settings.</param>
/// <param name="SmsNotifications">Every SMS milestone flag.</param>
/// <param name="EmailNotifications">The optional customer emails.</param>
/// <param name="OnlinePayments">Whether customers can pay online.</param>
/// <param name="PublicReviewUrl">The company's public review page (absolute https URL, such as its Google reviews), offered to every customer who leaves a review; null or omitted for none.</param>
[AcceptsReadOnlyFieldsOf(typeof(PortalSettingsDto))]
public sealed record PortalSettingsInput(
    [property: Required] bool? Enabled,
    [property: Required] FeaturesInput? Features,
    [property: Required] AppointmentTimeDisplay? AppointmentTimeDisplay,
    [property: Required] IReadOnlyList<AgreementStatus>? VisibleAgreementStatuses,
    [property: Required] IReadOnlyList<string>? VisibleBusinessUnitIds,
    [property: Required] IReadOnlyList<SignInMethod>? SignInMethods,
    [property: Required] BrandingDto? Branding,
    [property: Required] SmsNotificationsInput? SmsNotifications,
    [property: Required] EmailNotificationsInput? EmailNotifications,
    [property: Required] OnlinePaymentsInput? OnlinePayments,
    string? PublicReviewUrl = null)
{
    public UpdatePortalSettingsCommand ToCommand(int expectedVersion) => new(
        expectedVersion, Enabled, Features, AppointmentTimeDisplay, VisibleAgreementStatuses, VisibleBusinessUnitIds,
        SignInMethods, Branding, SmsNotifications, EmailNotifications, OnlinePayments, PublicReviewUrl);
}

/// <summary>Portal features; every flag is required.</summary>
public sealed record FeaturesInput(
    [property: Required] bool? InvoicePayment,
    [property: Required] bool? PartialPayments,
    [property: Required] bool? SavedPaymentMethods,
    [property: Required] bool? EstimateApproval,
    [property: Required] bool? ReviewCollection,
    [property: Required] bool? JobBooking,
    [property: Required] bool? SelfScheduling,
    [property: Required] bool? ShowCanceledJobs,
    [property: Required] bool? ShowUnscheduledAgreementVisits)
{
    public PortalFeatures ToDomain() => new(
        InvoicePayment!.Value, PartialPayments!.Value, SavedPaymentMethods!.Value, EstimateApproval!.Value, ReviewCollection!.Value,
        JobBooking!.Value, SelfScheduling!.Value, ShowCanceledJobs!.Value, ShowUnscheduledAgreementVisits!.Value);
}

/// <summary>SMS milestone toggles; every flag is required.</summary>
public sealed record SmsNotificationsInput(
    [property: Required] bool? JobBooked,
    [property: Required] bool? TechnicianDispatched,
    [property: Required] bool? TechnicianEnRoute,
    [property: Required] bool? WorkComplete,
    [property: Required] bool? InvoiceSent,
    [property: Required] bool? ReviewRequest)
{
    public SmsNotifications ToDomain() =>
        new(JobBooked!.Value, TechnicianDispatched!.Value, TechnicianEnRoute!.Value, WorkComplete!.Value, InvoiceSent!.Value, ReviewRequest!.Value);
}

/// <summary>Optional customer emails; every flag is required.</summary>
/// <param name="ReviewRequest">Email the customer's contacts when completed work opens a review prompt.</param>
public sealed record EmailNotificationsInput([property: Required] bool? ReviewRequest)
{
    public EmailNotifications ToDomain() => new(ReviewRequest!.Value);
}

/// <summary>Online payments; accountConnected is read-only and ignored.</summary>
[AcceptsReadOnlyFieldsOf(typeof(OnlinePaymentsDto))]
public sealed record OnlinePaymentsInput([property: Required] bool? Enabled);

internal sealed class UpdatePortalSettingsHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IAuditLog audit, IOptions<PortalOptions> options)
    : ICommandHandler<UpdatePortalSettingsCommand, Result<PortalSettingsDto>>
{
    public async ValueTask<Result<PortalSettingsDto>> Handle(UpdatePortalSettingsCommand request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("tenant");
        }

        var settings = await db.GetOrCreateAsync(tenantId, clock.UtcNow, cancellationToken);
        if (settings.Version != request.ExpectedVersion)
        {
            return new Error(ErrorKind.PreconditionFailed, "precondition_failed",
                "The settings changed since you read them (the If-Match ETag is stale). GET them again and reapply your change.");
        }

        var input = request;
        var unitIds = input.VisibleBusinessUnitIds!.ToList();
        var known = await db.BusinessUnits.Where(b => unitIds.Contains(b.ExternalId)).Select(b => b.ExternalId).ToListAsync(cancellationToken);
        var unknown = unitIds.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return Error.Unprocessable("unknown_business_units", $"These business units do not exist: {string.Join(", ", unknown)}.");
        }

        var hasSenderNumber = await db.SenderPhoneNumbers.AnyAsync(p => p.TenantId == tenantId, cancellationToken);
        var accountConnected = await Payments.PaymentAccounts.IsConnectedAsync(db, cancellationToken);
        var before = PortalSettingsDto.From(settings, tenant, options.Value, hasSenderNumber, accountConnected);
        settings.Update(
            input.Enabled!.Value,
            input.Features!.ToDomain(),
            input.AppointmentTimeDisplay!.Value,
            input.VisibleAgreementStatuses!,
            unitIds,
            input.SignInMethods!,
            new PortalBranding(input.Branding!.DisplayName, input.Branding.LogoUrl, input.Branding.PrimaryColor),
            input.SmsNotifications!.ToDomain(),
            input.EmailNotifications!.ToDomain(),
            input.OnlinePayments!.Enabled!.Value,
            accountConnected,
            clock.UtcNow);
        settings.SetPublicReviewUrl(input.PublicReviewUrl, clock.UtcNow);

        var after = PortalSettingsDto.From(settings, tenant, options.Value, hasSenderNumber, accountConnected);
        if (after.Version != before.Version)
        {
            audit.Record(tenantId, "portal_settings.updated", "portal-settings", before, after);
        }

        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}
