using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.PublicPortal.GetPublicPortal;

/// <summary>What a front end needs to draw the portal, or its branded "not available" screen.</summary>
/// <param name="Status">available or notAvailable.</param>
/// <param name="Branding">Effective branding.</param>
/// <param name="Features">
/// What customers can do (all false while the portal is off). invoicePayment is true only when invoices can be paid
/// online: the feature is on, online payments are on and a payment account is connected; partialPayments and
/// savedPaymentMethods only with it.
/// </param>
/// <param name="InvoicesVisible">Whether customers see their invoices: invoice &amp; payment is on (they may see them without being able to pay online: features.invoicePayment says that).</param>
/// <param name="SignInMethods">Sign-in methods to offer.</param>
/// <param name="PortalUrl">Where the portal lives.</param>
public sealed record PublicPortalDto(
    PortalStatus Status, EffectiveBranding Branding, PortalFeatures Features, bool InvoicesVisible, IReadOnlyList<SignInMethod> SignInMethods, string PortalUrl);

/// <summary>Whether customers can use the portal.</summary>
public enum PortalStatus
{
    Available,
    NotAvailable,
}

/// <summary>The public configuration of a tenant's portal.</summary>
public sealed record GetPublicPortalQuery : IQuery<Result<PublicPortalDto>>;

internal sealed class GetPublicPortalHandler(IAppDbContext db, ICurrentTenant currentTenant, IClock clock, IOptions<PortalOptions> options)
    : IQueryHandler<GetPublicPortalQuery, Result<PublicPortalDto>>
{
    private static readonly PortalFeatures AllOff = new(false, false, false, false, false, false, false, false, false);

    public async ValueTask<Result<PublicPortalDto>> Handle(GetPublicPortalQuery request, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Required();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Error.NotFound("portal");
        }

        var settings = await db.PortalSettings.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken)
            ?? Domain.Portal.PortalSettings.CreateDefault(tenantId, clock.UtcNow);
        var accountConnected = settings.Enabled && await db.Set<PaymentAccount>().IgnoreQueryFilters().AnyAsync(a => a.TenantId == tenantId, cancellationToken);
        return new PublicPortalDto(
            settings.Enabled ? PortalStatus.Available : PortalStatus.NotAvailable,
            settings.Branding.ResolveWith(tenant.AccountSettings),
            settings.Enabled ? Effective(settings, accountConnected) : AllOff,
            settings.Enabled && InvoiceVisibility.InvoicesShown(settings.Features),
            settings.Enabled ? settings.SignInMethods : [],
            options.Value.PortalUrl(tenant.HostName.Value));
    }

    /// <summary>The features as customers meet them: paying needs online payments on and a connected account (PRODUCT.md#payable).</summary>
    private static PortalFeatures Effective(Domain.Portal.PortalSettings settings, bool accountConnected)
    {
        var features = settings.Features;
        var canPay = Payable.InvoicePaymentOn(features) && Payable.OnlinePaymentsReady(settings.OnlinePaymentsEnabled, accountConnected);
        return features with
        {
            InvoicePayment = canPay,
            PartialPayments = canPay && features.PartialPayments,
            SavedPaymentMethods = canPay && features.SavedPaymentMethods,
        };
    }
}
