namespace HeadlessPortal.FakeTwilio;

/// <summary>A text the fake accepted.</summary>
/// <param name="Sid">Its message SID (<c>SM...</c>).</param>
/// <param name="AccountSid">The account it was sent on.</param>
/// <param name="From">The sender number.</param>
/// <param name="To">The recipient.</param>
/// <param name="Body">The text.</param>
/// <param name="StatusCallback">Where its status callbacks go, if anywhere.</param>
/// <param name="CreatedAt">When it was accepted.</param>
public sealed record FakeTwilioMessage(string Sid, string AccountSid, string From, string To, string Body, string? StatusCallback, DateTimeOffset CreatedAt);

/// <summary>A request the fake's Messages API received (accepted or refused).</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Path">Such as /2010-04-01/Accounts/AC.../Messages.json.</param>
/// <param name="Form">The form fields sent.</param>
/// <param name="StatusCode">The status answered.</param>
public sealed record FakeTwilioRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, int StatusCode);

/// <summary>A status callback the fake sent.</summary>
/// <param name="MessageSid">The message it reports on.</param>
/// <param name="Status">queued, sent, delivered or undelivered.</param>
/// <param name="Url">Where it went.</param>
/// <param name="StatusCode">The answer, or null when none came.</param>
public sealed record FakeTwilioCallback(string MessageSid, string Status, string Url, int? StatusCode);
