using System.Net;

namespace HeadlessPortal.Api.Tests.Support;

/// <summary>Waiting for the outbox, for tests of what its handlers do (emails, links).</summary>
internal static class Outbox
{
    /// <summary>Waits until the tenant's outbox holds nothing pending or failed: every event handled, every email sent.</summary>
    public static async Task WaitUntilDeliveredAsync(AdminSession admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var messages = (await AdminSession.ExpectAsync(await admin.Client.GetAsync("/v1/admin/outbox?limit=100"), HttpStatusCode.OK))["data"]!.AsArray();
            var open = messages.Where(m => m!["status"]!.GetValue<string>() is "pending" or "failed").ToList();
            if (open.Count == 0)
            {
                Assert.DoesNotContain(messages, m => m!["status"]!.GetValue<string>() == "dead");
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "still undelivered: " + string.Join(", ", open.Select(m => m!["type"]!.GetValue<string>() + " " + m!["lastError"]?.ToJsonString())));
            await Task.Delay(100);
        }
    }
}
