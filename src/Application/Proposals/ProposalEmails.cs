using System.Globalization;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Proposals;

/// <summary>Asks for a decision's emails (composed when delivered): a confirmation to the signer of an acceptance, and a notice to the company's office address.</summary>
/// <param name="DecisionId">The decision.</param>
/// <param name="SignerEmails">Where the signer's confirmation goes: the signed-in user's email, or through an estimate link the customer's contacts with billing access (the link's addressees); empty sends none.</param>
public sealed record ProposalEmailRequested(Guid DecisionId, IReadOnlyList<string>? SignerEmails)
{
    public const string Type = "proposal.email-requested";

    public static OutboxMessage Create(ProposalDecision decision, IReadOnlyList<string> signerEmails) =>
        OutboxMessage.For(decision.TenantId, Type, JsonSerializer.Serialize(new ProposalEmailRequested(decision.Id, signerEmails), PortalJson.Options), decision.DecidedAt);
}

/// <summary>
/// Composes and queues a decision's emails. Delivered again, it finds the emails it queued (their ids derive from the
/// request's) and queues nothing more.
/// </summary>
internal sealed class ProposalEmailRequestedHandler(IAppDbContext db, IUnitOfWork unitOfWork, IEmailComposer composer, PortalEmails portalEmails, IClock clock)
    : IOutboxHandler
{
    public string Type => ProposalEmailRequested.Type;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var request = OutboxPayload.Read<ProposalEmailRequested>(message, PortalJson.Options, "a proposal email request");
        var signers = (request.SignerEmails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(e => (To: e, Id: PortalEmails.DerivedMessageId(message.Id, "signer:" + e.ToLowerInvariant()))).ToList();
        var officeEmailId = PortalEmails.DerivedMessageId(message.Id, "office");
        var emailIds = signers.Select(s => s.Id).Append(officeEmailId).ToList();
        await unitOfWork.ExecuteAsync(
            async ct =>
            {
                var decision = await db.Set<ProposalDecision>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.DecisionId, ct);
                var proposal = decision is null
                    ? null
                    : await db.Set<Proposal>().AsNoTracking().IgnoreAutoIncludes().IgnoreQueryFilters([QueryFilters.NotDeleted]).SingleOrDefaultAsync(p => p.Id == decision.ProposalId, ct);
                if (decision is null || proposal is null || await db.OutboxMessages.AnyAsync(m => emailIds.Contains(m.Id), ct))
                {
                    return false;
                }

                var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == decision.TenantId, ct);
                var customer = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking().SingleAsync(c => c.Id == proposal.CustomerId, ct);
                var zone = TenantTime.ZoneOf(tenant.AccountSettings);
                var accepted = decision.Outcome == ProposalOutcome.Accepted;
                var option = proposal.Options.FirstOrDefault(o => o.Id == decision.OptionId);
                var values = new Dictionary<string, string>
                {
                    [EmailTemplateCatalog.CustomerName] = customer.Name,
                    [EmailTemplateCatalog.ProposalNumber] = proposal.Number,
                    [EmailTemplateCatalog.Decision] = accepted ? "accepted" : "declined",
                    [EmailTemplateCatalog.OptionName] = option?.Name ?? string.Empty,
                    [EmailTemplateCatalog.Amount] = option is null ? string.Empty : MoneyText.Format(option.Total, proposal.Currency),
                    [EmailTemplateCatalog.SignerName] = decision.SignerName ?? string.Empty,
                    [EmailTemplateCatalog.DeclineReason] = decision.DeclineReason ?? string.Empty,
                    [EmailTemplateCatalog.DecidedAt] = decision.DecidedAt.In(zone).ToString("MMMM d, yyyy h:mm tt", CultureInfo.InvariantCulture),
                    [EmailTemplateCatalog.CustomerPortalLink] = await portalEmails.PortalUrlAsync(decision.TenantId, ct),
                };
                foreach (var signer in accepted ? signers : [])
                {
                    var email = await composer.ComposeAsync(EmailTemplateKind.ProposalAccepted, signer.To, values, ct);
                    db.OutboxMessages.Add(EmailMessages.Create(decision.TenantId, email, clock.UtcNow, signer.Id));
                }

                if (!string.IsNullOrWhiteSpace(tenant.AccountSettings.Email))
                {
                    var email = await composer.ComposeAsync(EmailTemplateKind.ProposalDecisionNotice, tenant.AccountSettings.Email, values, ct);
                    db.OutboxMessages.Add(EmailMessages.Create(decision.TenantId, email, clock.UtcNow, officeEmailId));
                }

                await db.SaveChangesAsync(ct);
                return true;
            },
            _ => true,
            cancellationToken);
        return OutboxDelivery.Done;
    }
}
