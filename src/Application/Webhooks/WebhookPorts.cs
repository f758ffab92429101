namespace HeadlessPortal.Application.Webhooks;

/// <summary>Signing secrets of webhook endpoints: made here, kept protected (encrypted) in the database.</summary>
public interface IWebhookSecrets
{
    /// <summary>A new secret, <c>whsec_</c> and 256 random bits.</summary>
    string NewSecret();

    /// <summary>The form kept in the database.</summary>
    string Protect(string secret);

    /// <summary>The secret of a stored value.</summary>
    string Unprotect(string stored);
}

/// <summary>Whether a URL may receive webhooks: scheme and address rules (no loopback, link-local or private addresses outside Development).</summary>
public interface IWebhookTargetPolicy
{
    /// <summary>Null when <paramref name="url"/> is allowed; otherwise the problem's code and message.</summary>
    Task<(string Code, string Message)?> CheckAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>Tells this process's delivery worker that deliveries were queued, so it need not wait for its next poll.</summary>
public interface IWebhookSignal
{
    void Notify();
}
