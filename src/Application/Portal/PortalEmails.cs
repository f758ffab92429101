using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Common.Security;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.PortalSettings;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Portal;

/// <summary>
/// Issues a one-time token and queues the email that carries it, in the caller's transaction: the token and
/// the email are saved together or not at all. Links carry the token as a token= query parameter.
/// </summary>
public sealed class PortalEmails(IAppDbContext db, ISecrets secrets, IClock clock, ICurrentTenant tenant, IEmailComposer composer, IOptions<PortalOptions> options)
{
    public const string TokenPrefix = "pt_";

    /// <summary>The query parameter of a magic link that returns to the hosted sign-in page.</summary>
    public const string SignInPageTokenParameter = "hp_token";

    /// <summary>More emails of one purpose to one address within an hour are not sent (they would only flood the inbox).</summary>
    public const int MaxPerHour = 5;

    /// <summary>Whether this address already had <see cref="MaxPerHour"/> such emails in the last hour.</summary>
    public async Task<bool> ThrottledAsync(PortalTokenPurpose purpose, string email, CancellationToken cancellationToken)
    {
        var since = clock.UtcNow.AddHours(-1);
        var sent = await db.Set<PortalToken>().CountAsync(t => t.Purpose == purpose && t.Email == email && t.CreatedAt > since, cancellationToken);
        return sent >= MaxPerHour;
    }

    /// <summary>
    /// Adds the token and the email to the context; the caller saves. <paramref name="messageId"/> fixes the email's outbox
    /// id. <paramref name="returnLink"/>, for a magic link asked for on the hosted sign-in page, is where its link goes (with
    /// the token as hp_token) instead of the portal front end.
    /// </summary>
    public async Task QueueAsync(PortalTokenPurpose purpose, string email, PortalContact? contact, Guid? messageId, CancellationToken cancellationToken, string? returnLink = null)
    {
        var tenantId = tenant.Required();
        var now = clock.UtcNow;
        var token = secrets.NewSecret(TokenPrefix);
        db.Set<PortalToken>().Add(PortalToken.Issue(tenantId, purpose, secrets.Hash(token), email, contact?.Id, now));

        var portalUrl = await PortalUrlAsync(tenantId, cancellationToken);
        var links = options.Value.Links;
        var lifetime = PortalToken.LifetimeOf(purpose);
        var (kind, values) = purpose switch
        {
            PortalTokenPurpose.Invitation => (EmailTemplateKind.Invitation, new Dictionary<string, string>
            {
                ["CustomerName"] = contact is null ? string.Empty : await CustomerNameAsync(contact.CustomerId, cancellationToken),
                ["InvitationLink"] = Link(portalUrl, links.AcceptInvitationPath, token),
                ["ExpiresInDays"] = ((int)lifetime.TotalDays).ToString(CultureInfo.InvariantCulture),
            }),
            PortalTokenPurpose.MagicLink => (EmailTemplateKind.MagicLink, new Dictionary<string, string>
            {
                ["MagicLink"] = returnLink is null ? Link(portalUrl, links.MagicLinkPath, token) : returnLink + "&" + SignInPageTokenParameter + "=" + Uri.EscapeDataString(token),
                ["ExpiresInMinutes"] = ((int)lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
            }),
            _ => (EmailTemplateKind.PasswordReset, new Dictionary<string, string>
            {
                ["ResetLink"] = Link(portalUrl, links.PasswordResetPath, token),
                ["ExpiresInMinutes"] = ((int)lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
            }),
        };

        var rendered = await composer.ComposeAsync(kind, PortalUser.NormalizeEmail(email), values, cancellationToken);
        db.OutboxMessages.Add(EmailMessages.Create(tenantId, rendered, now, messageId));
    }

    public async Task<string> PortalUrlAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        var hostName = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.HostName).SingleAsync(cancellationToken);
        return options.Value.PortalUrl(hostName.Value);
    }

    public static string Link(string portalUrl, string path, string token) =>
        portalUrl.TrimEnd('/') + "/" + path.TrimStart('/') + "?token=" + Uri.EscapeDataString(token);

    /// <summary>A fixed id for the email a message causes, so handling the message twice queues it once.</summary>
    public static Guid DerivedMessageId(Guid source, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(source.ToString("N") + ":" + purpose));
        return new Guid(hash.AsSpan(0, 16));
    }

    private Task<string> CustomerNameAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Set<Customer>().IgnoreQueryFilters([Common.Interfaces.QueryFilters.NotDeleted]).AsNoTracking()
            .Where(c => c.Id == customerId).Select(c => c.Name).SingleAsync(cancellationToken);
}
