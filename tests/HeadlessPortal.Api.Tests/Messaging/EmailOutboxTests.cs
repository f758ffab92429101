using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using HeadlessPortal.Api.Tests.Support;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Domain.Tenants;
using HeadlessPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HeadlessPortal.Api.Tests.Messaging;

/// <summary>
/// One API per engine whose email sender refuses the recipients a test names, and which gives a message a single
/// attempt, so a refused email is dead at once and a retry can be watched succeeding.
/// </summary>
public sealed class RefusingEmailHosts : IAsyncLifetime
{
    private readonly Dictionary<TestDb, ApiFactory> _factories = [];

    /// <summary>Recipients the sender refuses (with a failure worth retrying) until removed.</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ApiFactory this[TestDb engine] => _factories[engine];

    public async Task InitializeAsync()
    {
        _factories[TestDb.Sqlite] = Create(await TestDatabase.CreateAsync(TestDb.Sqlite));
        if (PostgresServer.ConnectionString is not null)
        {
            _factories[TestDb.Postgres] = Create(await TestDatabase.CreateAsync(TestDb.Postgres));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories.Values)
        {
            await factory.DisposeAsync();
            await factory.Database.DisposeAsync();
        }
    }

    private ApiFactory Create(TestDatabase database) => new(
        database,
        new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1" },
        services =>
        {
            var pickup = services.Single(d => d.ServiceType == typeof(IEmailSender));
            services.Replace(ServiceDescriptor.Singleton<IEmailSender>(sp => new RefusingSender((IEmailSender)pickup.ImplementationFactory!(sp), Refused)));
        });

    private sealed class RefusingSender(IEmailSender inner, ConcurrentDictionary<string, bool> refused) : IEmailSender
    {
        public Task SendAsync(OutgoingEmail email, Guid messageId, CancellationToken cancellationToken) =>
            refused.ContainsKey(email.To) ? throw new IOException("421 4.3.2 Service not available") : inner.SendAsync(email, messageId, cancellationToken);
    }
}

[Collection(ApiCollection.Work)]
public sealed class EmailOutboxTests(ApiHosts hosts, RefusingEmailHosts refusing) : IClassFixture<RefusingEmailHosts>
{
    private const string SecretLink = "https://portal.example/invitations/one-time-secret-token";

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Email_WhenItsTransactionRollsBack_IsNeverSent_AndWhenItCommits_IsDelivered(TestDb engine)
    {
        var factory = hosts[engine];
        var session = await AdminSession.StartAsync(factory);
        var rolledBackTo = Recipient("rolled-back");
        var committedTo = Recipient("committed");

        var rolledBack = await EnqueueAsync(factory, session.TenantId, Invitation(rolledBackTo), commit: false);
        var committed = await EnqueueAsync(factory, session.TenantId, Invitation(committedTo), commit: true);

        var email = await factory.Mailbox.WaitForAsync(committedTo);
        Assert.Equal($"<{committed}@portal.localhost>", email.MessageId);
        Assert.Equal("Acme Heating & Air <no-reply@portal.localhost>", email.From);
        Assert.Equal("You're invited to Acme's portal ✓", email.Subject);
        Assert.Contains(SecretLink, email.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{SecretLink}\">", email.Html, StringComparison.Ordinal);

        var sent = await WaitForStatusAsync(session, committed, "sent");
        Assert.Equal(1, sent["attempts"]!.GetValue<int>());
        Assert.DoesNotContain(factory.Mailbox.All(), e => e.To == rolledBackTo);
        Assert.False(File.Exists(Path.Combine(factory.Mailbox.Directory, $"{rolledBack}.eml")));
        var listed = await ListAsync(session, "?type=email.send&limit=100");
        Assert.DoesNotContain(listed, m => m["id"]!.GetValue<Guid>() == rolledBack);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task OutboxList_ForEmails_ShowsTheEnvelopeButNeverTheBodies(TestDb engine)
    {
        var factory = refusing[engine];
        var session = await AdminSession.StartAsync(factory);
        var deadTo = Recipient("refused");
        var sentTo = Recipient("accepted");
        refusing.Refused[deadTo] = true;

        var dead = await EnqueueAsync(factory, session.TenantId, Invitation(deadTo), commit: true);
        var sent = await EnqueueAsync(factory, session.TenantId, Invitation(sentTo), commit: true);
        await WaitForStatusAsync(session, dead, "dead");
        await WaitForStatusAsync(session, sent, "sent");

        var response = await session.Client.GetAsync("/v1/admin/outbox?type=email.send");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("one-time-secret-token", text, StringComparison.Ordinal);
        var messages = JsonNode.Parse(text)!["data"]!.AsArray();
        Assert.Equal(2, messages.Count);
        foreach (var message in messages)
        {
            var payload = message!["payload"]!.AsObject();
            Assert.Equal(["to", "fromName", "subject", "kind"], payload.Select(p => p.Key));
            Assert.Equal("invitation", payload["kind"]!.GetValue<string>());
            Assert.Equal("Acme Heating & Air", payload["fromName"]!.GetValue<string>());
        }

        // The email given up is announced once to integrators (message.failed); the one sent is not.
        var failed = (await ListAsync(session, "?type=message.failed")).Select(m => m["payload"]!).ToList();
        var only = Assert.Single(failed);
        Assert.Equal((dead, "email", "failed", "invitation", deadTo), (only["messageId"]!.GetValue<Guid>(), only["channel"]!.GetValue<string>(),
            only["status"]!.GetValue<string>(), only["kind"]!.GetValue<string>(), only["to"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(only["error"]!.GetValue<string>()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task OutboxList_FilteredByStatus_ShowsOnlyThatStatus(TestDb engine)
    {
        var factory = refusing[engine];
        var session = await AdminSession.StartAsync(factory);
        var deadTo = Recipient("refused");
        refusing.Refused[deadTo] = true;
        var dead = await EnqueueAsync(factory, session.TenantId, Invitation(deadTo), commit: true);
        var sent = await EnqueueAsync(factory, session.TenantId, Invitation(Recipient("accepted")), commit: true);
        await WaitForStatusAsync(session, dead, "dead");
        await WaitForStatusAsync(session, sent, "sent");

        Assert.Equal([dead], (await ListAsync(session, "?status=dead")).Select(m => m["id"]!.GetValue<Guid>()));
        Assert.Equal([sent], (await ListAsync(session, "?status=sent")).Select(m => m["id"]!.GetValue<Guid>()));
        // The dead email's message.failed event may still be pending here: only the emails are looked at.
        Assert.Empty(await ListAsync(session, "?status=pending&type=email.send"));
        Assert.Empty(await ListAsync(session, "?status=failed&type=email.send"));
        var problem = await (await session.Client.GetAsync("/v1/admin/outbox?status=lost")).AssertProblemAsync(400, "validation_failed");
        Assert.Contains("pending", problem.FieldErrors("status").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Retry_OfADeadEmail_MakesItPendingAndItIsDelivered(TestDb engine)
    {
        var factory = refusing[engine];
        var session = await AdminSession.StartAsync(factory);
        var to = Recipient("flaky");
        refusing.Refused[to] = true;
        var id = await EnqueueAsync(factory, session.TenantId, Invitation(to), commit: true);
        var dead = await WaitForStatusAsync(session, id, "dead");
        Assert.Equal(1, dead["attempts"]!.GetValue<int>());
        Assert.Equal("IOException: 421 4.3.2 Service not available", dead["lastError"]!.GetValue<string>());
        Assert.Null(dead["nextAttemptAt"]);

        refusing.Refused.TryRemove(to, out _);
        var retried = await AdminSession.ExpectAsync(await session.Client.PostAsync($"/v1/admin/outbox/{id}/retry", null), HttpStatusCode.OK);

        Assert.Equal(id, retried["id"]!.GetValue<Guid>());
        Assert.Equal(0, retried["attempts"]!.GetValue<int>());
        Assert.Equal("pending", retried["status"]!.GetValue<string>());
        var email = await factory.Mailbox.WaitForAsync(to);
        Assert.Equal($"<{id}@portal.localhost>", email.MessageId);
        await WaitForStatusAsync(session, id, "sent");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Retry_OfASentEmail_IsAConflict(TestDb engine)
    {
        var factory = hosts[engine];
        var session = await AdminSession.StartAsync(factory);
        var id = await EnqueueAsync(factory, session.TenantId, Invitation(Recipient("done")), commit: true);
        await WaitForStatusAsync(session, id, "sent");

        await (await session.Client.PostAsync($"/v1/admin/outbox/{id}/retry", null)).AssertProblemAsync(409, "message_already_sent");
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Retry_OfAnUnknownOrAnotherTenantsMessage_IsNotFound(TestDb engine)
    {
        var factory = refusing[engine];
        var owner = await AdminSession.StartAsync(factory);
        var stranger = await AdminSession.StartAsync(factory);
        var to = Recipient("other-tenant");
        refusing.Refused[to] = true;
        var id = await EnqueueAsync(factory, owner.TenantId, Invitation(to), commit: true);
        await WaitForStatusAsync(owner, id, "dead");

        await (await stranger.Client.PostAsync($"/v1/admin/outbox/{id}/retry", null)).AssertProblemAsync(404, "not_found");
        await (await owner.Client.PostAsync($"/v1/admin/outbox/{Guid.NewGuid()}/retry", null)).AssertProblemAsync(404, "not_found");
        Assert.Equal("dead", (await WaitForStatusAsync(owner, id, "dead"))["status"]!.GetValue<string>());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Email_WithAnInvalidRecipient_IsDeadAtOnce(TestDb engine)
    {
        var factory = hosts[engine];
        var session = await AdminSession.StartAsync(factory);

        var id = await EnqueueAsync(factory, session.TenantId, Invitation("not an address"), commit: true);

        var dead = await WaitForStatusAsync(session, id, "dead");
        Assert.Equal(1, dead["attempts"]!.GetValue<int>());
        Assert.Contains("recipient", dead["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string Recipient(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    private static OutgoingEmail Invitation(string to) => new(
        to,
        "Acme Heating & Air",
        "You're invited to Acme's portal ✓",
        $"<p>Hello,</p><p><a href=\"{SecretLink}\">Accept the invitation</a></p>",
        $"Hello,\n\nAccept the invitation: {SecretLink}\n",
        "invitation");

    /// <summary>Adds an email to the outbox in a transaction of its own, committed or rolled back.</summary>
    private static async Task<Guid> EnqueueAsync(ApiFactory factory, Guid tenantId, OutgoingEmail email, bool commit)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = new TenantId(tenantId);
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Enter(tenant);
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var message = EmailMessages.Create(tenant, email, scope.ServiceProvider.GetRequiredService<IClock>().UtcNow);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            async ct =>
            {
                db.OutboxMessages.Add(message);
                await db.SaveChangesAsync(ct);
                return commit;
            },
            shouldCommit => shouldCommit,
            CancellationToken.None);
        return message.Id;
    }

    private static async Task<List<JsonNode>> ListAsync(AdminSession session, string query) =>
        (await AdminSession.ExpectAsync(await session.Client.GetAsync("/v1/admin/outbox" + query), HttpStatusCode.OK))["data"]!.AsArray().Select(m => m!).ToList();

    private static async Task<JsonNode> WaitForStatusAsync(AdminSession session, Guid id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var message = (await ListAsync(session, "?limit=100")).SingleOrDefault(m => m["id"]!.GetValue<Guid>() == id);
            if (message?["status"]?.GetValue<string>() == status)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"message {id} is {message?.ToJsonString() ?? "missing"}, not {status}");
            await Task.Delay(100);
        }
    }
}
