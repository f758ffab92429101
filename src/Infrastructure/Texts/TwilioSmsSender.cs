using System.Collections.Specialized;
using HeadlessPortal.Application.Texts;
using HeadlessPortal.Domain.Messaging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Security;
using Twilio.Types;

namespace HeadlessPortal.Infrastructure.Texts;

/// <summary>
/// Sends texts with Twilio's official package (Messages API) from the tenant's sender number, with this API's webhook as
/// the status callback. The package has no base-URL setting: its HttpClient rewrites api.twilio.com to
/// <see cref="TwilioOptions.BaseUrl"/> (the fake in development and tests).
/// </summary>
internal sealed class TwilioSmsSender(HttpClient http, IOptions<TwilioOptions> options) : ISmsSender
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<SentText> SendAsync(OutgoingText text, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new SmsSendException("Twilio is not configured (Twilio:AccountSid and Twilio:AuthToken).", null, permanent: false);
        }

        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, accountSid: settings.AccountSid, httpClient: new Twilio.Http.SystemNetHttpClient(http));
        var create = new CreateMessageOptions(new PhoneNumber(text.To))
        {
            From = new PhoneNumber(text.From),
            Body = text.Body,
            StatusCallback = settings.WebhookUrl is { } url ? new Uri(url) : null,
        };
        try
        {
            var message = await MessageResource.CreateAsync(create, client).WaitAsync(cancellationToken);
            return new SentText(message.Sid, Status(message.Status?.ToString()));
        }
        catch (ApiException ex)
        {
            // 400: Twilio refused this text (an invalid, landline or unsubscribed number); sending it again cannot help.
            throw new SmsSendException($"Twilio refused the text: {ex.Message}", ex.Code == 0 ? null : ex.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), permanent: ex.Status == 400, ex);
        }
        catch (Exception ex) when (ex is ApiConnectionException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SmsSendException($"Twilio did not answer: {ex.Message}", null, permanent: false, ex);
        }
    }

    internal static TextMessageStatus Status(string? status) => status switch
    {
        "sent" or "sending" => TextMessageStatus.Sent,
        "delivered" or "read" => TextMessageStatus.Delivered,
        "undelivered" => TextMessageStatus.Undelivered,
        "failed" => TextMessageStatus.Failed,
        _ => TextMessageStatus.Queued,
    };
}

/// <summary>Checks X-Twilio-Signature with the package's RequestValidator, against the configured public webhook URL.</summary>
internal sealed class TwilioWebhookValidator(IOptions<TwilioOptions> options) : ISmsWebhookValidator
{
    public bool IsValid(IReadOnlyDictionary<string, string> form, string? signature)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(signature) || settings.WebhookUrl is not { } url || string.IsNullOrEmpty(settings.AuthToken))
        {
            return false;
        }

        var parameters = new NameValueCollection();
        foreach (var (key, value) in form)
        {
            parameters.Add(key, value);
        }

        return new RequestValidator(settings.AuthToken).Validate(url, parameters, signature);
    }
}

/// <summary>Sends what the Twilio package addresses to api.twilio.com to the configured base URL instead.</summary>
internal sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = new Uri(options.Value.BaseUrl);
        if (request.RequestUri is { } uri && uri.Host.EndsWith("twilio.com", StringComparison.OrdinalIgnoreCase)
            && !(target.Host == uri.Host && target.Scheme == uri.Scheme && target.Port == uri.Port))
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
