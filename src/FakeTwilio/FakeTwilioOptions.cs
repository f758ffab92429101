using Microsoft.Extensions.Logging;

namespace HeadlessPortal.FakeTwilio;

/// <summary>How a <see cref="FakeTwilioServer"/> behaves.</summary>
public sealed class FakeTwilioOptions
{
    /// <summary>The account whose Messages API the fake serves (<c>AC</c> and 32 hex digits).</summary>
    public string AccountSid { get; set; } = "AC" + new string('0', 31) + "1";

    /// <summary>The auth token requests authenticate with (HTTP Basic, the account SID as user) and callbacks are signed with.</summary>
    public string AuthToken { get; set; } = "fake_auth_token_0123456789abcdef";

    /// <summary>The loopback port; 0 takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>The pause before each status callback (queued, sent, then delivered or undelivered).</summary>
    public TimeSpan CallbackDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>When set, each accepted text is also written to this directory as a readable file.</summary>
    public string? MessageDirectory { get; set; }

    /// <summary>
    /// The client status callbacks and incoming texts are posted with (such as a test host's in-memory client), looked up
    /// at each post; when null or answering null, the fake's own HTTP client. The signature is of the callback's full URL either way.
    /// </summary>
    public Func<HttpClient?>? CallbackClient { get; set; }

    /// <summary>Where the server logs; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}

/// <summary>
/// "To" numbers with a fixed outcome, after Twilio's own magic test numbers: a text to them is refused, or accepted
/// but never delivered. Every other number is accepted and delivered.
/// </summary>
public static class FakeTwilioNumbers
{
    /// <summary>Refused at once: 400, error 21211 (not a valid phone number).</summary>
    public const string Invalid = "+15005550001";

    /// <summary>Refused at once: 400, error 21614 (not a mobile number).</summary>
    public const string NotMobile = "+15005550009";

    /// <summary>Refused at once: 400, error 21610 (the recipient replied STOP on Twilio's side).</summary>
    public const string Unsubscribed = "+15005550004";

    /// <summary>Accepted, then reported undelivered (error 30003, unreachable handset).</summary>
    public const string Undeliverable = "+15005550010";
}
