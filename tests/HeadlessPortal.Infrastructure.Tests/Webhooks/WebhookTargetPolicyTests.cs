using System.Net;
using HeadlessPortal.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Infrastructure.Tests.Webhooks;

public sealed class WebhookTargetPolicyTests
{
    private sealed class NoDns : IWebhookDns
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult<IPAddress[]>([IPAddress.Parse("93.184.216.34")]);
    }

    private static WebhookTargetPolicy Policy(WebhookOptions options) => new(Options.Create(options), new NoDns());

    [Fact]
    public void Defaults_AreStrict_OnlyDevelopmentAndTestsLoosenThem()
    {
        var defaults = new WebhookOptions();
        Assert.False(defaults.AllowHttp);
        Assert.False(defaults.AllowPrivateAddresses);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.Timeout);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fdab:cdef::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    public void IsPublic_RefusesInternalAddresses(string address) => Assert.False(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    public void IsPublic_AllowsPublicAddresses(string address) => Assert.True(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Check_RefusesHttp_UnlessAllowed()
    {
        Assert.Equal("webhook_url_invalid", (await Policy(new WebhookOptions()).CheckAsync(new Uri("http://hooks.example.com/"), default))?.Code);
        Assert.Null(await Policy(new WebhookOptions()).CheckAsync(new Uri("https://hooks.example.com/"), default));
        Assert.Null(await Policy(new WebhookOptions { AllowHttp = true }).CheckAsync(new Uri("http://hooks.example.com/"), default));
    }

    [Fact]
    public async Task Check_RefusesPrivateAddresses_UnlessAllowed()
    {
        Assert.Equal("webhook_address_not_allowed", (await Policy(new WebhookOptions()).CheckAsync(new Uri("https://10.0.0.1/"), default))?.Code);
        Assert.Null(await Policy(new WebhookOptions { AllowPrivateAddresses = true }).CheckAsync(new Uri("https://10.0.0.1/"), default));
    }

    [Fact]
    public void Signature_IsTheHexHmacOfTimestampDotBody_OnePerSecret()
    {
        var header = WebhookSignature.Header(["whsec_a", "whsec_b"], 1700000000, """{"id":"x"}""");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("whsec_a"u8.ToArray(), "1700000000.{\"id\":\"x\"}"u8.ToArray()));
        Assert.StartsWith($"t=1700000000,v1={expected},v1=", header);
        Assert.Equal(3, header.Split(',').Length);
    }
}
