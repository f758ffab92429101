using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Payments;

/// <summary>Invoices synced through the Admin API, and payments, links and audit events written straight to the database (their own use cases live elsewhere).</summary>
internal static class PaymentData
{
    public static object Money(long amount) => new { amount, currency = "usd" };

    public static object Invoice(string number, string billTo, long total, long balance, string issueDate = "2026-11-10", string? dueDate = null,
        string? businessUnitId = null, string? jobId = null) => new
        {
            number, billToCustomerId = billTo, jobId, locationId = (string?)null, businessUnitId, issueDate, dueDate,
            lines = new[] { new { description = "Service call", quantity = 1m, unitPrice = Money(total), amount = Money(total) } },
            subtotal = Money(total), tax = Money(0), total = Money(total), balance = Money(balance), summary = "Replaced capacitor",
            payments = total > balance ? new[] { new { reference = "CHK-7", amount = Money(total - balance), paidAt = "2026-11-02T10:00:00Z", method = "check" } } : [],
        };

    public static async Task SyncAsync(AdminSession admin, string resource, string id, object document)
    {
        var response = await admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", document);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonNode> GetAsync(AdminSession admin, string resource, string externalId) =>
        await AdminSession.ExpectAsync(await admin.Client.GetAsync($"/v1/admin/{resource}/{externalId}"), HttpStatusCode.OK);

    /// <summary>Connects a payment account and switches online payments (and, when asked, partial payments) on.</summary>
    public static async Task EnableOnlinePaymentsAsync(PortalTenant t, bool partialPayments = false)
    {
        await InTenantAsync(t.Factory, t.Admin.TenantId, async (db, clock, _) =>
        {
            db.Set<PaymentAccount>().Add(PaymentAccount.Connect(new TenantId(t.Admin.TenantId), "acct_" + Guid.NewGuid().ToString("N")[..16], clock.UtcNow));
            await db.SaveChangesAsync();
        });
        var (settings, etag) = await t.Admin.GetSettingsAsync();
        settings["onlinePayments"] = new JsonObject { ["enabled"] = true };
        settings["features"]!["partialPayments"] = partialPayments;
        await AdminSession.ExpectAsync(await t.Admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    /// <summary>Changes one portal feature through the settings document.</summary>
    public static async Task SetFeatureAsync(AdminSession admin, string feature, bool on)
    {
        var (settings, etag) = await admin.GetSettingsAsync();
        settings["features"]![feature] = on;
        await AdminSession.ExpectAsync(await admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    /// <summary>A link written directly, made at <paramref name="createdAt"/>: answers its token.</summary>
    public static async Task<string> InsertLinkAsync(ApiFactory factory, Guid tenantId, Guid invoiceId, string invoiceExternalId, DateTimeOffset createdAt, TimeSpan lifetime)
    {
        var token = "";
        await InTenantAsync(factory, tenantId, async (db, _, services) =>
        {
            var secrets = services.GetRequiredService<ISecrets>();
            token = secrets.NewSecret(PaymentLink.TokenPrefix);
            db.Set<PaymentLink>().Add(PaymentLink.Create(new TenantId(tenantId), new Ref(invoiceId, invoiceExternalId), secrets.Hash(token), "test", lifetime, createdAt));
            await db.SaveChangesAsync();
        });
        return token;
    }

    /// <summary>An allocation of a payment to an invoice read through the Admin API.</summary>
    public static PaymentAllocation Allocation(JsonNode invoice, long amount) =>
        new(invoice["id"]!.GetValue<Guid>(), invoice["externalId"]!.GetValue<string>(), invoice["number"]!.GetValue<string>(), null, null, amount);

    /// <summary>A payment as the pay use case would start it, moved to <paramref name="status"/>.</summary>
    public static async Task<Payment> InsertPaymentAsync(
        ApiFactory factory, Guid tenantId, Guid customerId, IReadOnlyList<PaymentAllocation> allocations, PaymentStatus status,
        PaymentMethodKind method = PaymentMethodKind.Card, PaymentChannel channel = PaymentChannel.Portal, Guid? paymentLinkId = null, string? clientIp = null)
    {
        Payment? payment = null;
        await InTenantAsync(factory, tenantId, async (db, clock, _) =>
        {
            var now = clock.UtcNow;
            var ach = method == PaymentMethodKind.UsBankAccount
                ? new AchAuthorization("I authorize Acme Heating & Air to debit my account.", now, "203.0.113.7", "Mozilla/5.0")
                : null;
            payment = Payment.Start(
                new TenantId(tenantId), customerId, "usd", allocations, method, "pm_" + Guid.NewGuid().ToString("N")[..20], null, null, ach, channel,
                channel == PaymentChannel.Portal ? Guid.NewGuid() : null, paymentLinkId, "test", Guid.NewGuid().ToString(), "hash", null, now, clientIp);
            payment.LinkPaymentIntent("pi_" + Guid.NewGuid().ToString("N")[..20], now);
            payment.MoveTo(status, status == PaymentStatus.Failed ? new PaymentFailure("card_declined", "insufficient_funds", "Your card has insufficient funds.") : null, null, now);
            db.Set<Payment>().Add(payment);
            await db.SaveChangesAsync();
        });
        return payment!;
    }

    /// <summary>An audit event as payment code records it on a job's trail.</summary>
    public static async Task<Guid> InsertAuditEventAsync(ApiFactory factory, Guid tenantId, string target, string action, string? afterJson)
    {
        var id = Guid.Empty;
        await InTenantAsync(factory, tenantId, async (db, clock, _) =>
        {
            var audit = AuditEvent.Record(new TenantId(tenantId), "system", action, target, null, afterJson, clock.UtcNow);
            db.AuditEvents.Add(audit);
            await db.SaveChangesAsync();
            id = audit.Id;
        });
        return id;
    }

    public static async Task InTenantAsync(ApiFactory factory, Guid tenantId, Func<IAppDbContext, IClock, IServiceProvider, Task> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(new TenantId(tenantId));
        await work(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), scope.ServiceProvider.GetRequiredService<IClock>(), scope.ServiceProvider);
    }
}
