using System.Globalization;
using System.Text.Json;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.Messaging;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.EstimateLinks;

/// <summary>
/// Emails an estimate the back office sent (the estimate.sent event) to its customer's portal contacts with billing
/// access, each email carrying the same new estimate link, while the portal takes estimate approvals
/// (<see cref="EstimateEmails"/>); otherwise does nothing. Idempotent by message id exactly as the invoice email: the
/// link remembers the message that made it, so handling the message again makes no second link and sends nothing; the
/// link and the emails are saved in one transaction, so a failure leaves neither.
/// </summary>
internal sealed class EstimateSentEmailHandler(
    IAppDbContext db, IUnitOfWork unitOfWork, EstimateLinkIssuer issuer, IEmailComposer composer, ICurrentTenant tenant, ICurrentActor actor,
    IClock clock, IOptions<EstimateLinkOptions> options) : IOutboxHandler
{
    public string Type => Proposal.SentEvent;

    public async Task<OutboxDelivery> HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var sent = OutboxPayload.Read<DomainEvent>(message, JsonSerializerOptions.Web, "an estimate event");

        try
        {
            await unitOfWork.ExecuteAsync(ct => SendAsync(message.Id, sent.SubjectId, ct), _ => true, cancellationToken);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<EstimateLink>(nameof(EstimateLink.SourceMessageId)))
        {
            // Another delivery of this message got there first: its link and emails are saved, nothing is left to do.
        }

        return OutboxDelivery.Done;
    }

    private async Task<bool> SendAsync(Guid messageId, Guid proposalId, CancellationToken ct)
    {
        if (await db.Set<EstimateLink>().AnyAsync(l => l.SourceMessageId == messageId, ct))
        {
            return false;
        }

        var settings = await PortalContext.SettingsAsync(db, tenant, clock, ct);
        var proposal = await db.Set<Proposal>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || !EstimateEmails.ShouldSend(settings.Enabled, settings.Features, proposal.Status))
        {
            return false;
        }

        var recipients = await LinkedProposals.AddresseesAsync(db, proposal.CustomerId, ct);
        if (recipients.Count == 0)
        {
            return false;
        }

        var now = clock.UtcNow;
        var days = options.Value.DefaultDays;
        var issued = await issuer.IssueAsync(
            proposal.TenantId, proposal.Customer, [(new Ref(proposal.Id, proposal.ExternalId), proposal.CustomerId)], actor.Id, days, now, messageId, ct);
        var customerName = await db.Set<Customer>().IgnoreQueryFilters([QueryFilters.NotDeleted]).AsNoTracking()
            .Where(c => c.Id == proposal.CustomerId).Select(c => c.Name).SingleAsync(ct);
        var values = new Dictionary<string, string>
        {
            [EmailTemplateCatalog.CustomerName] = customerName,
            [EmailTemplateCatalog.ProposalNumber] = proposal.Number,
            [EmailTemplateCatalog.EstimateLink] = issued.Url,
            [EmailTemplateCatalog.ExpiresInDays] = days.ToString(CultureInfo.InvariantCulture),
        };

        foreach (var to in recipients)
        {
            var email = await composer.ComposeAsync(EmailTemplateKind.Estimate, to, values, ct);
            db.OutboxMessages.Add(EmailMessages.Create(proposal.TenantId, email, now, PortalEmails.DerivedMessageId(messageId, "estimate-email:" + to)));
        }

        await db.SaveChangesAsync(ct);
        return true;
    }
}
