using System.Collections.Specialized;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.FakeTwilio;
using HeadlessPortal.Infrastructure.Texts;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace HeadlessPortal.Infrastructure.Tests.Texts;

/// <summary>The fake Twilio answers in Twilio's shapes, signs as Twilio signs, and the adapter reads it through the Twilio package.</summary>
public sealed class FakeTwilioServerTests
{
    /// <summary>The properties of api.v2010.account.message in Twilio's OpenAPI description of the 2010-04-01 API.</summary>
    private static readonly string[] MessageProperties =
    [
        "account_sid", "api_version", "body", "date_created", "date_sent", "date_updated", "direction", "error_code", "error_message", "from",
        "messaging_service_sid", "num_media", "num_segments", "price", "price_unit", "sid", "status", "subresource_uris", "to", "uri",
    ];

    [Fact]
    public async Task CreateMessage_AnswersTwilios201MessageObject_AndErrorsInTwiliosErrorShape()
    {
        await using var fake = await FakeTwilioServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl) };
        var path = $"/2010-04-01/Accounts/{fake.AccountSid}/Messages.json";
        HttpRequestMessage Post(Dictionary<string, string> form, string? token = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{token ?? fake.AuthToken}")));
            return request;
        }

        var created = await http.SendAsync(Post(new() { ["To"] = "+15555550123", ["From"] = "+15555550100", ["Body"] = "Hello 👍" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var message = JsonNode.Parse(await created.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(MessageProperties, message.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("queued", message["status"]!.GetValue<string>());
        Assert.Matches("^SM[0-9a-f]{32}$", message["sid"]!.GetValue<string>());
        Assert.Equal("1", message["num_segments"]!.GetValue<string>());

        foreach (var (request, status, code) in new[]
                 {
                     (Post(new() { ["To"] = "+15555550123", ["From"] = "+15555550100", ["Body"] = "x" }, token: "wrong"), 401, 20003),
                     (Post(new() { ["To"] = FakeTwilioNumbers.Invalid, ["From"] = "+15555550100", ["Body"] = "x" }), 400, 21211),
                     (Post(new() { ["From"] = "+15555550100", ["Body"] = "x" }), 400, 21604),
                 })
        {
            var refused = await http.SendAsync(request);
            Assert.Equal(status, (int)refused.StatusCode);
            var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(["code", "message", "more_info", "status"], error.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal(code, error["code"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task StatusCallbacks_AreSignedSoTwiliosRequestValidatorAcceptsThem_AndTheAdapterSendsThroughThePackage()
    {
        var received = new List<(string Url, NameValueCollection Form, string Signature)>();
        using var capture = new HttpClient(new Capture(received));
        await using var fake = await FakeTwilioServer.StartAsync(new FakeTwilioOptions { CallbackClient = () => capture, CallbackDelay = TimeSpan.Zero });
        var options = Options.Create(new TwilioOptions { AccountSid = fake.AccountSid, AuthToken = fake.AuthToken, BaseUrl = fake.BaseUrl, PublicBaseUrl = "https://api.example.com" });
        using var http = new HttpClient(new TwilioBaseUrlHandler(options) { InnerHandler = new HttpClientHandler() });
        var sender = new TwilioSmsSender(http, options);

        var sent = await sender.SendAsync(new OutgoingText("+15555550100", "+15555550123", "Mike is on the way."), CancellationToken.None);
        Assert.Equal(Domain.Messaging.TextMessageStatus.Queued, sent.Status);
        var callbacks = await fake.WaitForCallbacksAsync(sent.ProviderMessageId, 3);

        Assert.Equal(["queued", "sent", "delivered"], callbacks.Select(c => c.Status));
        Assert.Equal(3, received.Count);
        Assert.All(received, r =>
        {
            Assert.Equal("https://api.example.com/v1/webhooks/twilio", r.Url);
            Assert.True(new RequestValidator(fake.AuthToken).Validate(r.Url, r.Form, r.Signature));
            Assert.False(new RequestValidator("another-token").Validate(r.Url, r.Form, r.Signature));
        });

        var refused = await Assert.ThrowsAsync<SmsSendException>(() => sender.SendAsync(new OutgoingText("+15555550100", FakeTwilioNumbers.NotMobile, "x"), CancellationToken.None));
        Assert.True(refused.Permanent);
        Assert.Equal("21614", refused.Code);
        fake.FailNextRequests(1, 503);
        var unanswered = await Assert.ThrowsAsync<SmsSendException>(() => sender.SendAsync(new OutgoingText("+15555550100", "+15555550123", "x"), CancellationToken.None));
        Assert.False(unanswered.Permanent);
    }

    private sealed class Capture(List<(string Url, NameValueCollection Form, string Signature)> received) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = new NameValueCollection();
            foreach (var pair in (await request.Content!.ReadAsStringAsync(cancellationToken)).Split('&'))
            {
                var parts = pair.Split('=', 2);
                form.Add(WebUtility.UrlDecode(parts[0]), WebUtility.UrlDecode(parts[1]));
            }

            lock (received)
            {
                received.Add((request.RequestUri!.ToString(), form, request.Headers.GetValues("X-Twilio-Signature").Single()));
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
