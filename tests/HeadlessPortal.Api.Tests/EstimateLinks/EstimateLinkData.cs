using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;
using static HeadlessPortal.Api.Tests.Payments.PaymentData;

namespace HeadlessPortal.Api.Tests.EstimateLinks;

/// <summary>Proposals synced the way the back office sends them, and links written directly for times the API cannot make.</summary>
internal static class EstimateLinkData
{
    /// <summary>An open proposal with a Good and a Best option; its location when <paramref name="locationId"/> is given.</summary>
    public static object ProposalBody(string number, string customerId, string? locationId = null, string status = "open") => new
    {
        number,
        customerId,
        locationId,
        status,
        summary = $"Replace the air conditioner ({number})",
        financingOfferUrl = "https://financing.example.com/apply?dealer=acme",
        options = new object[]
        {
            new
            {
                name = "Good",
                description = "Single-stage unit",
                lines = new[] { new { description = "14 SEER2 condenser", quantity = 1m, unitPrice = Money(520_000), amount = Money(520_000) } },
                total = Money(520_000),
            },
            new
            {
                name = "Best",
                description = (string?)null,
                lines = new[]
                {
                    new { description = "20 SEER2 condenser", quantity = 1m, unitPrice = Money(910_000), amount = Money(910_000) },
                    new { description = "Smart thermostat", quantity = 2m, unitPrice = Money(17_500), amount = Money(35_000) },
                },
                total = Money(945_000),
            },
        },
    };

    /// <summary>A link written directly, made at <paramref name="createdAt"/>: answers its token.</summary>
    public static async Task<string> InsertLinkAsync(ApiFactory factory, Guid tenantId, Ref customer, Ref proposal, DateTimeOffset createdAt, TimeSpan lifetime)
    {
        var token = "";
        await InTenantAsync(factory, tenantId, async (db, _, services) =>
        {
            var secrets = services.GetRequiredService<ISecrets>();
            token = secrets.NewSecret(EstimateLink.TokenPrefix);
            db.Set<EstimateLink>().Add(EstimateLink.Create(new TenantId(tenantId), customer, [(proposal, customer.Id)], secrets.Hash(token), "test", lifetime, createdAt));
            await db.SaveChangesAsync();
        });
        return token;
    }
}
