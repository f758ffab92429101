using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.TestSupport;

namespace HeadlessPortal.Api.Tests.Reviews;

/// <summary>Reviews over HTTP: the prompt work.completed opens in My Tasks, one review per job and customer, and the office's list.</summary>
[Collection(ApiCollection.Work)]
public sealed class ReviewTests(ApiHosts hosts)
{
    private const string ReviewPage = "https://g.page/r/demo-heating/review";

    /// <summary>A tenant collecting reviews, with c-1 (the user's) and c-2 (not), a location each, and a job type.</summary>
    private static async Task<(PortalTenant T, HttpClient Portal)> SetUpAsync(ApiFactory factory)
    {
        var t = await PortalTenant.CreateAsync(factory);
        await t.CustomerAsync("c-1", "Jane Homeowner");
        await t.CustomerAsync("c-2", "Someone Else");
        await PutAsync(t, "locations", "loc-1", new { customerId = "c-1", address = new { line1 = "1 Main St", city = "Springfield", country = "US" } });
        await PutAsync(t, "locations", "loc-2", new { customerId = "c-2", address = new { line1 = "9 Elm St", city = "Springfield", country = "US" } });
        await PutAsync(t, "job-types", "jt-1", new { name = "AC repair" });
        await SetReviewsAsync(t.Admin, on: true);
        var email = PortalTenant.UniqueEmail("jane");
        await t.ContactAsync("con-1", "c-1", email, "serviceOnly");
        var tokens = await t.InviteAndAcceptAsync("con-1", email);
        return (t, t.Portal(tokens["accessToken"]!.GetValue<string>()));
    }

    private static async Task SetReviewsAsync(AdminSession admin, bool on)
    {
        var (settings, etag) = await admin.GetSettingsAsync();
        settings["features"]!["reviewCollection"] = on;
        settings["publicReviewUrl"] = ReviewPage;
        await AdminSession.ExpectAsync(await admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    private static async Task PutAsync(PortalTenant t, string resource, string id, object body)
    {
        var response = await t.Admin.Client.PutAsJsonAsync($"/v1/admin/{resource}/{id}", body);
        Assert.True(response.IsSuccessStatusCode, $"{resource}/{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A job of <paramref name="customer"/> with one appointment two days ago, in <paramref name="status"/>; answers the job's portal id.</summary>
    private static async Task<string> JobAsync(PortalTenant t, string id, string customer, string status)
    {
        var location = customer == "c-1" ? "loc-1" : "loc-2";
        await PutAsync(t, "jobs", id, new { number = "J-" + id, customerId = customer, locationId = location, jobTypeId = "jt-1", summary = "AC not cooling" });
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        await PutAsync(t, "appointments", "a-" + id, new { jobId = id, start, end = start.AddHours(2), status = "scheduled" });
        if (status != "scheduled")
        {
            await PutAsync(t, "appointments", "a-" + id, new { jobId = id, start, end = start.AddHours(2), status });
        }

        return (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync($"/v1/admin/jobs/{id}"), HttpStatusCode.OK))["id"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> ReviewAsync(HttpClient portal, string jobId, int? rating, string? comment = null) =>
        portal.PostAsJsonAsync($"/v1/portal/jobs/{jobId}/review", new { rating, comment });

    private static async Task<JsonObject> PromptsAsync(HttpClient portal) =>
        (await AdminSession.ExpectAsync(await portal.GetAsync("/v1/portal/tasks"), HttpStatusCode.OK))["reviewPrompts"]!.AsObject();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task CompletedWork_PromptsInMyTasks_AndTheCustomerReviewsItOnce_WithTheReviewPageOffered(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        var done = await JobAsync(t, "done", "c-1", "completed");
        var notDone = await JobAsync(t, "open", "c-1", "scheduled");
        var theirs = await JobAsync(t, "theirs", "c-2", "completed");
        await Outbox.WaitUntilDeliveredAsync(t.Admin);

        // Only the user's completed job is prompted, with where to send the review.
        var prompts = await PromptsAsync(portal);
        Assert.Equal(1, prompts["count"]!.GetValue<int>());
        var prompt = prompts["items"]![0]!;
        Assert.Equal((done, "J-done", $"/v1/portal/jobs/{done}/review"), (prompt["jobId"]!.GetValue<string>(), prompt["jobNumber"]!.GetValue<string>(), prompt["url"]!.GetValue<string>()));
        Assert.Equal(30, (prompt["expiresAt"]!.GetValue<DateTimeOffset>() - prompt["completedAt"]!.GetValue<DateTimeOffset>()).TotalDays, 3);

        // Not completed, another customer's, or unknown: the same 404. Bad ratings and comments: 400 naming the field.
        foreach (var id in new[] { notDone, theirs, Guid.NewGuid().ToString() })
        {
            await (await ReviewAsync(portal, id, 5)).AssertProblemAsync(404, "not_found");
        }

        foreach (var (rating, comment, field) in new (int?, string?, string)[] { (0, null, "rating"), (6, null, "rating"), (null, null, "rating"), (4, new string('x', 2001), "comment") })
        {
            var problem = await (await ReviewAsync(portal, done, rating, comment)).AssertProblemAsync(400, "validation_failed");
            Assert.NotNull(problem["errors"]![field]);
        }

        var response = await ReviewAsync(portal, done, 4, "  Quick and tidy.  ");
        var review = await AdminSession.ExpectAsync(response, HttpStatusCode.Created);
        Assert.Equal((4, "Quick and tidy.", ReviewPage, done), (review["rating"]!.GetValue<int>(), review["comment"]!.GetValue<string>(),
            review["publicReviewUrl"]!.GetValue<string>(), review["jobId"]!.GetValue<string>()));
        Assert.Equal($"/v1/portal/jobs/{done}/review", response.Headers.Location!.OriginalString);
        await (await ReviewAsync(portal, done, 5)).AssertProblemAsync(409, "already_reviewed");
        Assert.Equal(0, (await PromptsAsync(portal))["count"]!.GetValue<int>());

        // The office sees it, with its figures; the event went out.
        var listed = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/reviews"), HttpStatusCode.OK);
        var item = listed["data"]![0]!;
        Assert.Equal(("done", "J-done", "c-1", "Jane Homeowner", 4), (item["job"]!["externalId"]!.GetValue<string>(), item["job"]!["number"]!.GetValue<string>(),
            item["customer"]!["externalId"]!.GetValue<string>(), item["customer"]!["name"]!.GetValue<string>(), item["rating"]!.GetValue<int>()));
        Assert.Equal(1, listed["summary"]!["count"]!.GetValue<int>());
        Assert.Equal(4m, listed["summary"]!["averageRating"]!.GetValue<decimal>());
        Assert.Equal([0, 0, 0, 1, 0], listed["summary"]!["ratingCounts"]!.AsArray().Select(n => n!.GetValue<int>()));
        var events = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?type=review.submitted"), HttpStatusCode.OK);
        Assert.Single(events["data"]!.AsArray());

        // While the company does not collect reviews: no prompts, and 404 with a code.
        var later = await JobAsync(t, "later", "c-1", "completed");
        await SetReviewsAsync(t.Admin, on: false);
        await (await ReviewAsync(portal, later, 5)).AssertProblemAsync(404, "review_collection_off");
        Assert.Equal(0, (await PromptsAsync(portal))["count"]!.GetValue<int>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ReviewRequestsByEmail_WhenOn_GoOnceToTheCustomersContacts_AndNotWhileOff(TestDb engine)
    {
        var (t, _) = await SetUpAsync(hosts[engine]);
        var other = PortalTenant.UniqueEmail("joe");
        await t.ContactAsync("con-2", "c-1", other, "billing");
        await SetEmailRequestsAsync(t.Admin, on: true);

        await JobAsync(t, "done", "c-1", "completed");
        // A second completed visit of the job asks nobody again.
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await PutAsync(t, "appointments", "a-done-2", new { jobId = "done", start, end = start.AddHours(2), status = "completed" });
        await Outbox.WaitUntilDeliveredAsync(t.Admin);

        var emails = await ReviewEmailsAsync(t);
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Equal("How did we do, Jane Homeowner?", e["subject"]!.GetValue<string>()));
        Assert.Contains(other, emails.Select(e => e["to"]!.GetValue<string>()));

        await SetEmailRequestsAsync(t.Admin, on: false);
        await JobAsync(t, "later", "c-1", "completed");
        await Outbox.WaitUntilDeliveredAsync(t.Admin);
        Assert.Equal(2, (await ReviewEmailsAsync(t)).Count);
        var requested = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/outbox?type=review.requested"), HttpStatusCode.OK);
        Assert.Equal(2, requested["data"]!.AsArray().Count);
    }

    private static async Task SetEmailRequestsAsync(AdminSession admin, bool on)
    {
        var (settings, etag) = await admin.GetSettingsAsync();
        settings["emailNotifications"]!["reviewRequest"] = on;
        await AdminSession.ExpectAsync(await admin.PutSettingsAsync(settings, etag), HttpStatusCode.OK);
    }

    private static async Task<List<JsonNode>> ReviewEmailsAsync(PortalTenant t) =>
        (await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/messages?channel=email&limit=100"), HttpStatusCode.OK))["data"]!.AsArray()
            .Where(m => m!["kind"]!.GetValue<string>() == "reviewRequest").Select(m => m!).ToList();

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task ConcurrentReviews_OfOneJob_KeepExactlyOne(TestDb engine)
    {
        var (t, portal) = await SetUpAsync(hosts[engine]);
        var job = await JobAsync(t, "race", "c-1", "completed");

        var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(n => ReviewAsync(portal, job, n)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await conflict.AssertProblemAsync(409, "already_reviewed");
        }

        var listed = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/reviews?customerId=c-1"), HttpStatusCode.OK);
        Assert.Equal(1, listed["summary"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheOfficesList_FiltersByRatingAndCustomer_AndRefusesABadRating()
    {
        var (t, portal) = await SetUpAsync(hosts[TestDb.Sqlite]);
        foreach (var (id, rating) in new[] { ("j-1", 5), ("j-2", 4), ("j-3", 4) })
        {
            await AdminSession.ExpectAsync(await ReviewAsync(portal, await JobAsync(t, id, "c-1", "completed"), rating), HttpStatusCode.Created);
        }

        var all = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/reviews?limit=2"), HttpStatusCode.OK);
        Assert.Equal((2, true, 3, 4.33m), (all["data"]!.AsArray().Count, all["hasMore"]!.GetValue<bool>(), all["summary"]!["count"]!.GetValue<int>(),
            all["summary"]!["averageRating"]!.GetValue<decimal>()));
        var fours = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/reviews?rating=4"), HttpStatusCode.OK);
        Assert.Equal(["j-3", "j-2"], fours["data"]!.AsArray().Select(r => r!["job"]!["externalId"]!.GetValue<string>()));
        var none = await AdminSession.ExpectAsync(await t.Admin.Client.GetAsync("/v1/admin/reviews?customerId=c-2"), HttpStatusCode.OK);
        Assert.Equal((0, null), (none["summary"]!["count"]!.GetValue<int>(), none["summary"]!["averageRating"]?.GetValue<decimal>()));
        await (await t.Admin.Client.GetAsync("/v1/admin/reviews?rating=9")).AssertProblemAsync(400, "validation_failed");
    }
}
