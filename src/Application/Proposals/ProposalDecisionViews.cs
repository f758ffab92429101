using System.ComponentModel.DataAnnotations;
using HeadlessPortal.Domain.Billing;

namespace HeadlessPortal.Application.Proposals;

/// <summary>The consent a signer agrees to by accepting; the detail answer shows it, the acceptance records it with its version.</summary>
public static class ProposalConsentText
{
    public const string Version = "2026-12-03";

    public const string Text =
        "By signing, I accept this estimate and the option I chose, at the price and on the terms shown, and I agree that my electronic signature " +
        "is as valid as a handwritten one.";

    public static ProposalConsent Current { get; } = new(Text, Version);
}

/// <summary>The customer's decision as the portal (and an estimate link) shows it.</summary>
/// <param name="Id">The evidence's reference.</param>
/// <param name="Outcome">accepted or declined.</param>
/// <param name="OptionId">The accepted option's id; null for a decline.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Channel">portal or link.</param>
/// <param name="SignatureType">typed or drawn; null for a decline.</param>
/// <param name="SignerName">Who signed; null for a decline.</param>
/// <param name="DeclineReason">The reason given with a decline.</param>
/// <param name="DocumentSha256">The version of the document the customer accepted; null for a decline.</param>
public sealed record ProposalDecisionDto(
    Guid Id, ProposalOutcome Outcome, string? OptionId, DateTimeOffset DecidedAt, DecisionChannel Channel, SignatureType? SignatureType, string? SignerName,
    string? DeclineReason, string? DocumentSha256)
{
    public static ProposalDecisionDto From(ProposalDecision d) =>
        new(d.Id, d.Outcome, d.OptionId, d.DecidedAt, d.Channel, d.SignatureType, d.SignerName, d.DeclineReason, d.DocumentSha256);
}

/// <summary>The customer's decision with its evidence, as the office sees it.</summary>
/// <param name="Id">The evidence's reference (printed on the accepted estimate's PDF).</param>
/// <param name="Outcome">accepted or declined.</param>
/// <param name="OptionId">The accepted option's id.</param>
/// <param name="DecidedAt">When (UTC).</param>
/// <param name="Channel">portal (signed in) or link (an estimate link, without an account).</param>
/// <param name="PortalUserId">The signed-in portal user, for the portal channel.</param>
/// <param name="EstimateLinkId">The estimate link, for the link channel.</param>
/// <param name="SignatureType">typed or drawn.</param>
/// <param name="SignerName">The name the signer typed or printed.</param>
/// <param name="SignatureImage">A drawn signature as a data:image/png;base64 URL; null when typed.</param>
/// <param name="ConsentText">The consent the signer agreed to.</param>
/// <param name="ConsentVersion">Its version.</param>
/// <param name="IpAddress">The address the decision came from.</param>
/// <param name="UserAgent">The browser it came from.</param>
/// <param name="DocumentSha256">SHA-256 (hex) of the document version the customer was shown.</param>
/// <param name="DeclineReason">The reason given with a decline.</param>
/// <param name="ConfirmedBySync">Whether the back office has since synced the same outcome as the proposal's status (accepted or declined).</param>
public sealed record AdminProposalDecisionDto(
    Guid Id, ProposalOutcome Outcome, string? OptionId, DateTimeOffset DecidedAt, DecisionChannel Channel, Guid? PortalUserId, Guid? EstimateLinkId,
    SignatureType? SignatureType, string? SignerName, string? SignatureImage, string? ConsentText, string? ConsentVersion, string IpAddress, string UserAgent,
    string? DocumentSha256, string? DeclineReason, bool ConfirmedBySync)
{
    public static AdminProposalDecisionDto From(ProposalDecision d, bool confirmedBySync) =>
        new(d.Id, d.Outcome, d.OptionId, d.DecidedAt, d.Channel, d.PortalUserId, d.EstimateLinkId, d.SignatureType, d.SignerName,
            d.SignaturePng is { } png ? ProposalSignatureInput.DataUrlPrefix + Convert.ToBase64String(png) : null,
            d.ConsentText, d.ConsentVersion, d.IpAddress, d.UserAgent, d.DocumentSha256, d.DeclineReason, confirmedBySync);
}

/// <summary>A signature: { type: "typed", name } or { type: "drawn", name, image: "data:image/png;base64,..." }.</summary>
/// <param name="Type">typed or drawn.</param>
/// <param name="Name">The signer's name (required for both).</param>
/// <param name="Image">For drawn: the PNG as a data URL (at most 200 KB decoded, 2000×1000 pixels).</param>
public sealed record ProposalSignatureInput([property: Required] string? Type, [property: Required] string? Name, string? Image = null)
{
    public const string Typed = "typed";
    public const string Drawn = "drawn";
    public const string DataUrlPrefix = "data:image/png;base64,";

    /// <summary>Longest data URL accepted before decoding (200 KB as base64, plus the prefix).</summary>
    public const int ImageMaxLength = (ProposalSignature.MaxPngBytes + 2) / 3 * 4 + 22;

    /// <summary>The PNG bytes of a data URL; null when it is not a base64 PNG data URL.</summary>
    public static byte[]? DecodeImage(string? image)
    {
        if (image is null || !image.StartsWith(DataUrlPrefix, StringComparison.Ordinal) || image.Length > ImageMaxLength)
        {
            return null;
        }

        var bytes = new byte[ProposalSignature.MaxPngBytes + 3];
        return Convert.TryFromBase64String(image[DataUrlPrefix.Length..], bytes, out var written) ? bytes[..written] : null;
    }
}

/// <summary>The body of an acceptance.</summary>
/// <param name="OptionId">The option accepted (its id in the detail answer).</param>
/// <param name="DocumentSha256">The documentSha256 of the detail answer the customer read; another value means the estimate changed meanwhile (409 proposal_changed).</param>
/// <param name="Signature">The signature.</param>
/// <param name="AgreedToTerms">Must be true: the signer agreed to the consent text of the detail answer.</param>
public sealed record AcceptProposalRequest(
    [property: Required] string? OptionId, [property: Required] string? DocumentSha256, [property: Required] ProposalSignatureInput? Signature, [property: Required] bool? AgreedToTerms);

/// <summary>The body of a decline.</summary>
/// <param name="Reason">Why, optionally (at most 2000 characters).</param>
public sealed record DeclineProposalRequest(string? Reason);
