using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.PortalAuth;

/// <summary>The outbox message behind every "email me a link" request: handled later, so the request itself answers the same way, in the same time, whether or not the email is known.</summary>
/// <param name="Purpose">invitation, magicLink or passwordReset.</param>
/// <param name="Email">The address typed in.</param>
/// <param name="ReturnLink">The hosted sign-in page's address a magic link returns to, or null (see RequestPortalEmailCommand).</param>
public sealed record PortalEmailRequested(PortalTokenPurpose Purpose, string Email, string? ReturnLink = null)
{
    public const string Type = "portal.email-requested";

    public static OutboxMessage Create(TenantId tenantId, PortalEmailRequested request, DateTimeOffset now) =>
        OutboxMessage.For(tenantId, Type, JsonSerializer.Serialize(request, PortalJson.Options), now);
}

/// <summary>
/// Sends the email a <see cref="PortalEmailRequested"/> asked for, when the address belongs to someone who may
/// use the portal and the tenant offers that way in; otherwise does nothing. Idempotent by message id.
/// </summary>
internal sealed class PortalEmailRequestedHandler(IAppDbContext db, PortalEmails emails, PortalCustomerAccess access, IUnitOfWork unitOfWork, IClock clock)
    : IOutboxHandler
{
    public string Type => PortalEmailRequested.Type;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var request = OutboxPayload.Read<PortalEmailRequested>(message, PortalJson.Options, "a portal email request");

        var emailId = PortalEmails.DerivedMessageId(message.Id, request.Purpose.ToString());
        var email = PortalUser.NormalizeEmail(request.Email);
        await unitOfWork.ExecuteAsync(
            async ct =>
            {
                if (await db.OutboxMessages.AnyAsync(m => m.Id == emailId, ct) || !await ShouldSendAsync(request.Purpose, email, ct))
                {
                    return false;
                }

                // An invitation goes out for the first contact listing the address (the email names that customer, and
                // revoking that contact ends the link). Every contact it lets in shows as invited to the office, which
                // can then resend or revoke it like one it sent.
                PortalContact? contact = null;
                if (request.Purpose == PortalTokenPurpose.Invitation)
                {
                    var contacts = await db.Set<PortalContact>().Where(c => c.Email == email && c.PortalAccessRevokedAt == null).OrderBy(c => c.Id).ToListAsync(ct);
                    contacts.ForEach(c => c.RecordRequestedInvitation(clock.UtcNow));
                    contact = contacts[0];
                }

                await emails.QueueAsync(request.Purpose, email, contact, emailId, ct, request.Purpose == PortalTokenPurpose.MagicLink ? request.ReturnLink : null);
                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);
        return OutboxDelivery.Done;
    }

    private async Task<bool> ShouldSendAsync(PortalTokenPurpose purpose, string email, CancellationToken ct)
    {
        if (!await access.AnyForEmailAsync(email, ct) || await emails.ThrottledAsync(purpose, email, ct))
        {
            return false;
        }

        var methods = await db.PortalSettings.Select(s => new { s.Enabled, s.SignInMethods }).SingleOrDefaultAsync(ct);
        return methods is { Enabled: true } && purpose switch
        {
            PortalTokenPurpose.MagicLink => methods.SignInMethods.Contains(Domain.Portal.SignInMethod.MagicLink),
            PortalTokenPurpose.PasswordReset => methods.SignInMethods.Contains(Domain.Portal.SignInMethod.Password),
            _ => true,
        };
    }
}
