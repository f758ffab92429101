using HeadlessPortal.Domain.Messaging;

namespace HeadlessPortal.Application.Texts;

/// <summary>A text to hand to the SMS provider.</summary>
/// <param name="From">The tenant's sender number (E.164).</param>
/// <param name="To">The customer's mobile number (E.164).</param>
/// <param name="Body">The text.</param>
public sealed record OutgoingText(string From, string To, string Body);

/// <summary>What the provider answered for an accepted text.</summary>
/// <param name="ProviderMessageId">Twilio's message SID.</param>
/// <param name="Status">Queued, or a later status when the provider reports one at once.</param>
public sealed record SentText(string ProviderMessageId, TextMessageStatus Status);

/// <summary>The provider did not take a text.</summary>
/// <param name="message">What went wrong.</param>
/// <param name="code">The provider's error code (such as 21211), if it gave one.</param>
/// <param name="permanent">True when sending it again cannot help (an invalid or landline number, a refused recipient).</param>
/// <param name="inner">The provider's exception.</param>
public sealed class SmsSendException(string message, string? code, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public string? Code { get; } = code;

    public bool Permanent { get; } = permanent;
}

/// <summary>Sends texts through the SMS provider (Twilio's Messages API).</summary>
public interface ISmsSender
{
    /// <summary>True when credentials are configured; without them no text is recorded or sent.</summary>
    bool IsConfigured { get; }

    /// <summary>Hands a text to the provider; throws <see cref="SmsSendException"/> when it is not taken.</summary>
    Task<SentText> SendAsync(OutgoingText text, CancellationToken cancellationToken);
}

/// <summary>Checks that a request to the SMS webhook came from the provider.</summary>
public interface ISmsWebhookValidator
{
    /// <summary>True when <paramref name="signature"/> is the provider's signature of the webhook URL and <paramref name="form"/>.</summary>
    bool IsValid(IReadOnlyDictionary<string, string> form, string? signature);
}

/// <summary>Runs the sending of recorded texts in the background (Hangfire jobs).</summary>
public interface ITextQueue
{
    /// <summary>Sends the text as soon as a worker is free.</summary>
    void Enqueue(Guid tenantId, Guid textId);

    /// <summary>Sends the text at <paramref name="dueAt"/> (a delayed job): texts held by quiet hours, and retries.</summary>
    void Schedule(Guid tenantId, Guid textId, DateTimeOffset dueAt);
}
