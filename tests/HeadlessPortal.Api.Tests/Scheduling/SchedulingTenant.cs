using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessPortal.Api.Tests.Scheduling;

/// <summary>A fresh tenant in a chosen time zone, with an admin client, the job types and business unit of the scheduling tests.</summary>
internal static class SchedulingTenant
{
    public static async Task<AdminSession> StartAsync(ApiFactory factory, string timeZone, string role = "admin")
    {
        var platform = factory.CreatePlatformClient();
        var hostName = Http.UniqueHostName("sch");
        var tenant = await AdminSession.ExpectAsync(await platform.PostJsonAsync("/v1/platform/tenants",
            new { name = "Scheduling " + hostName, hostName, accountSettings = new { displayName = "Scheduling Test", timeZone } }), HttpStatusCode.Created);
        var tenantId = tenant["id"]!.GetValue<Guid>();
        var credentials = await AdminSession.ExpectAsync(
            await platform.PostJsonAsync($"/v1/platform/tenants/{tenantId}/api-clients", new { name = "Test admin", role }), HttpStatusCode.Created);
        var clientId = credentials["clientId"]!.GetValue<string>();
        var secret = credentials["clientSecret"]!.GetValue<string>();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminSession.TokenAsync(factory, clientId, secret));
        var admin = new AdminSession(tenantId, hostName, clientId, secret, client);
        await BookingSettingsTests.SyncJobTypesAsync(admin);
        return admin;
    }

    public static Task<HttpResponseMessage> PutWindowAsync(this AdminSession admin, string id, string start, string end, int totalSlots = 3, string[]? jobTypeIds = null) =>
        admin.Client.PutAsJsonAsync($"/v1/admin/capacity-windows/{id}", new { businessUnitId = "bu-hvac", jobTypeIds = jobTypeIds ?? ["jt-ac", "jt-furnace"], start, end, totalSlots });

    /// <summary>Takes (or, with <paramref name="release"/>, returns) one slot as a booking would, in its own scope, then saves.</summary>
    public static async Task<bool> SlotAsync(ApiFactory factory, Guid tenantId, Guid windowId, bool release = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(new TenantId(tenantId));
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<IClock>().UtcNow;
        var done = release
            ? await CapacitySlots.ReleaseAsync(db, windowId, now, CancellationToken.None)
            : await CapacitySlots.TryTakeAsync(db, windowId, now, CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        return done;
    }
}
