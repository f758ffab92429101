using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using HeadlessPortal.Application.AuditEvents;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Application.ProposalDocuments;
using HeadlessPortal.Domain.Auditing;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.Proposals;

/// <summary>The events a customer's decision raises.</summary>
public static class ProposalEvents
{
    public const string Accepted = "proposal.accepted";
    public const string Declined = "proposal.declined";
}

/// <summary>
/// Records a customer's decision on a proposal, the same way whichever channel it comes through (the signed-in portal,
/// or an estimate link: <see cref="DecisionOrigin"/>). The caller has already found the proposal and checked the
/// caller's right to it; here: (1) a key already used answers the first decision (or 422 for another body); (2) the
/// domain rules (open, not expired, once, one existing option, complete evidence) and the document version; (3) the
/// decision, its events, audit entries and the request for its emails (<see cref="ProposalEmailRequested"/>) are saved together. The unique index on the decision's proposal makes the
/// store keep exactly one of concurrent decisions; the others answer 409 proposal_already_decided (or, for the same
/// key, the winner's answer).
/// </summary>
public sealed class ProposalDecider(IAppDbContext db, ICurrentTenant tenant, IClock clock)
{
    /// <param name="proposal">The proposal, tracked, with its decision.</param>
    /// <param name="body">The acceptance.</param>
    /// <param name="origin">Who decides and through what channel.</param>
    /// <param name="idempotencyScope">Whose keys these are (the user, the session or the link).</param>
    /// <param name="idempotencyKey">The Idempotency-Key header.</param>
    /// <param name="signerEmails">Where the signer's confirmation email goes; empty sends none.</param>
    /// <param name="ct">Request aborted.</param>
    public async Task<Result<ProposalDecisionDto>> AcceptAsync(
        Proposal proposal, AcceptProposalRequest body, DecisionOrigin origin, string idempotencyScope, string idempotencyKey, IReadOnlyList<string> signerEmails, CancellationToken ct)
    {
        var idempotency = new DecisionIdempotency(idempotencyScope, idempotencyKey, HashOf(body));
        if (proposal.Decision is { } existing)
        {
            return Replay(existing, idempotency);
        }

        var context = await PortalContext.LoadAsync(db, tenant, clock, ct);
        if (proposal.WhyNotDecidable(context.Now, context.Zone) is { } why)
        {
            return NotDecidable(why);
        }

        var model = await ProposalDocumentBuilder.BuildAsync(db, proposal, context.Settings, ct);
        if (!string.Equals(body.DocumentSha256, ProposalDocumentBuilder.VersionOf(model), StringComparison.OrdinalIgnoreCase))
        {
            return Error.Conflict(ProposalDecisionRules.Changed, "The estimate changed since it was shown: read it again (its documentSha256) before accepting.");
        }

        if (!proposal.Options.Any(o => o.Id == body.OptionId))
        {
            return new Error(ErrorKind.Unprocessable, ProposalDecisionRules.UnknownOption, "optionId is not one of the proposal's options.")
            {
                Fields = new Dictionary<string, string[]> { ["optionId"] = ["Not one of the proposal's options."] },
            };
        }

        ProposalSignature signature;
        try
        {
            signature = body.Signature!.Type == ProposalSignatureInput.Drawn
                ? ProposalSignature.Drawn(body.Signature.Name, ProposalSignatureInput.DecodeImage(body.Signature.Image))
                : ProposalSignature.Typed(body.Signature.Name);
        }
        catch (DomainException ex)
        {
            var field = ex.Code == ProposalDecisionRules.InvalidSignature ? "signature.image" : "signature.name";
            return new Error(ErrorKind.Unprocessable, ex.Code, ex.Message) { Fields = new Dictionary<string, string[]> { [field] = [ex.Message] } };
        }

        var decision = proposal.Accept(
            Guid.CreateVersion7(), body.OptionId!, signature, ProposalConsentText.Current, origin, ProposalDocumentBuilder.VersionOf(model).ToLowerInvariant(), idempotency,
            context.Now, context.Zone);
        return await SaveAsync(proposal, decision, idempotency, signerEmails, ct);
    }

    public async Task<Result<ProposalDecisionDto>> DeclineAsync(
        Proposal proposal, DeclineProposalRequest body, DecisionOrigin origin, string idempotencyScope, string idempotencyKey, CancellationToken ct)
    {
        var idempotency = new DecisionIdempotency(idempotencyScope, idempotencyKey, HashOf(body));
        if (proposal.Decision is { } existing)
        {
            return Replay(existing, idempotency);
        }

        var context = await PortalContext.LoadAsync(db, tenant, clock, ct);
        if (proposal.WhyNotDecidable(context.Now, context.Zone) is { } why)
        {
            return NotDecidable(why);
        }

        var decision = proposal.Decline(Guid.CreateVersion7(), body.Reason, origin, idempotency, context.Now, context.Zone);
        return await SaveAsync(proposal, decision, idempotency, [], ct);
    }

    /// <summary>A stable hash of a request body: the same key with another body is refused.</summary>
    public static string HashOf<T>(T request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, JsonSerializerOptions.Web))));

    private async Task<Result<ProposalDecisionDto>> SaveAsync(Proposal proposal, ProposalDecision decision, DecisionIdempotency idempotency, IReadOnlyList<string> signerEmails, CancellationToken ct)
    {
        Announce(proposal, decision);
        db.OutboxMessages.Add(ProposalEmailRequested.Create(decision, signerEmails));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (UniqueConstraintViolationException ex) when (ex.Covers<ProposalDecision>(nameof(ProposalDecision.ProposalId)))
        {
            // Another decision was saved first: answer as its replay when it was this key, else the proposal is decided.
            db.ClearTracked();
            var winner = await db.Set<ProposalDecision>().AsNoTracking().SingleAsync(d => d.ProposalId == proposal.Id, ct);
            return Replay(winner, idempotency);
        }

        return ProposalDecisionDto.From(decision);
    }

    private static Result<ProposalDecisionDto> Replay(ProposalDecision existing, DecisionIdempotency idempotency)
    {
        if (existing.IdempotencyScope != idempotency.Scope || existing.IdempotencyKey != idempotency.Key)
        {
            return NotDecidable(ProposalDecisionRules.AlreadyDecided);
        }

        return existing.RequestHash == idempotency.RequestHash
            ? ProposalDecisionDto.From(existing)
            : Error.Unprocessable("idempotency_key_reused", "This Idempotency-Key was used with a different request; use a new key for a new decision.");
    }

    private static Error NotDecidable(string why) => why == ProposalDecisionRules.Expired
        ? Error.Conflict(ProposalDecisionRules.Expired, "The estimate has expired; ask the company for a new one.")
        : Error.Conflict(ProposalDecisionRules.AlreadyDecided, "The estimate was already accepted or declined.");

    /// <summary>The events (proposal.accepted / proposal.declined) and the audit entries on the proposal and its job, saved with the decision.</summary>
    private void Announce(Proposal proposal, ProposalDecision decision)
    {
        var accepted = decision.Outcome == ProposalOutcome.Accepted;
        var type = accepted ? ProposalEvents.Accepted : ProposalEvents.Declined;
        var payload = JsonSerializer.Serialize(
            new
            {
                proposalId = proposal.Id,
                externalId = proposal.ExternalId,
                number = proposal.Number,
                customerId = proposal.CustomerExternalId,
                jobId = proposal.JobExternalId,
                decisionId = decision.Id,
                optionId = decision.OptionId,
                decidedAt = decision.DecidedAt,
                channel = decision.Channel == DecisionChannel.Portal ? "portal" : "link",
                signerName = decision.SignerName,
                declineReason = decision.DeclineReason,
            },
            JsonSerializerOptions.Web);
        db.OutboxMessages.Add(OutboxMessage.For(proposal.TenantId, type, payload, decision.DecidedAt));

        var actor = decision.Channel == DecisionChannel.Portal ? $"portal-user:{decision.PortalUserId}" : $"estimate-link:{decision.EstimateLinkId}";
        var details = JsonSerializer.Serialize(
            new
            {
                proposalId = proposal.Id,
                proposalNumber = proposal.Number,
                decisionId = decision.Id,
                optionId = decision.OptionId,
                optionName = proposal.Options.FirstOrDefault(o => o.Id == decision.OptionId)?.Name,
                channel = decision.Channel == DecisionChannel.Portal ? "portal" : "via link",
                signerName = decision.SignerName,
                declineReason = decision.DeclineReason,
            },
            JsonSerializerOptions.Web);
        db.AuditEvents.Add(AuditEvent.Record(proposal.TenantId, actor, type, ProposalAuditTarget.Of(proposal.ExternalId), null, details, decision.DecidedAt));
        if (proposal.JobExternalId is { } job)
        {
            db.AuditEvents.Add(AuditEvent.Record(proposal.TenantId, actor, type, JobAuditTrail.TargetOf(job), null, details, decision.DecidedAt));
        }
    }
}

/// <summary>The audit target of a proposal: proposal:{the back office's id}.</summary>
public static class ProposalAuditTarget
{
    public static string Of(string proposalExternalId) => "proposal:" + proposalExternalId;
}

/// <summary>The rules of an acceptance body (the Idempotency-Key header included).</summary>
public static class ProposalDecisionRequestRules
{
    public static void AddKeyRule<T>(AbstractValidator<T> validator, Func<T, string?> key) =>
        validator.RuleFor(x => key(x)).NotEmpty().WithMessage("The Idempotency-Key header is required: a unique value per decision (a UUID), sent again when retrying.")
            .MaximumLength(DecisionIdempotency.KeyMaxLength).OverridePropertyName("Idempotency-Key");

    public static void AddAcceptRules<T>(AbstractValidator<T> validator, Func<T, AcceptProposalRequest> body)
    {
        validator.RuleFor(x => body(x).OptionId).NotEmpty().WithMessage("optionId is required.").MaximumLength(ProposalOption.IdMaxLength).OverridePropertyName("optionId");
        validator.RuleFor(x => body(x).DocumentSha256).NotEmpty().WithMessage("documentSha256 is required: the documentSha256 of the proposal as shown.")
            .MaximumLength(ProposalDecisionRules.Sha256HexLength).OverridePropertyName("documentSha256");
        validator.RuleFor(x => body(x).AgreedToTerms).Equal(true).WithMessage("agreedToTerms must be true: the signer agrees to the consent text.").OverridePropertyName("agreedToTerms");
        validator.RuleFor(x => body(x).Signature).NotNull().WithMessage("signature is required.").OverridePropertyName("signature");
        validator.RuleFor(x => body(x).Signature!.Type).Must(t => t is ProposalSignatureInput.Typed or ProposalSignatureInput.Drawn)
            .When(x => body(x).Signature is not null).WithMessage("signature.type is typed or drawn.").OverridePropertyName("signature.type");
        validator.RuleFor(x => body(x).Signature!.Name).NotEmpty().WithMessage("signature.name is required.").MaximumLength(ProposalDecisionRules.SignerNameMaxLength)
            .When(x => body(x).Signature is not null).OverridePropertyName("signature.name");
        validator.RuleFor(x => body(x).Signature!.Image).NotEmpty().WithMessage("signature.image is required for a drawn signature: a data:image/png;base64 URL.")
            .When(x => body(x).Signature is { Type: ProposalSignatureInput.Drawn }).OverridePropertyName("signature.image");
        validator.RuleFor(x => body(x).Signature!.Image).Empty().WithMessage("signature.image is only for a drawn signature.")
            .When(x => body(x).Signature is { Type: ProposalSignatureInput.Typed }).OverridePropertyName("signature.image");
    }

    public static void AddDeclineRules<T>(AbstractValidator<T> validator, Func<T, DeclineProposalRequest> body) =>
        validator.RuleFor(x => body(x).Reason).MaximumLength(ProposalDecisionRules.ReasonMaxLength).OverridePropertyName("reason");
}
