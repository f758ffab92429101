using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Application.Proposals;
using HeadlessPortal.Domain.Billing;

namespace HeadlessPortal.Application.PortalProposals;

/// <summary>The statuses a portal proposal list filters by.</summary>
public static class PortalProposalStatus
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All = [Open, Accepted, Declined, Expired];

    public static string Of(ProposalStatus status) => status switch
    {
        ProposalStatus.Open => Open,
        ProposalStatus.Accepted => Accepted,
        ProposalStatus.Declined => Declined,
        _ => Expired,
    };
}

/// <summary>A record a proposal refers to.</summary>
/// <param name="Id">Its id in the portal.</param>
/// <param name="Name">How it reads (the job's number, the location's name, the equipment's type).</param>
public sealed record PortalProposalRefDto(Guid Id, string Name);

/// <summary>A proposal in a list.</summary>
/// <param name="Id">The proposal's id.</param>
/// <param name="Number">The proposal number, such as EST-3310.</param>
/// <param name="Status">open, accepted, declined or expired: the customer's own decision first, then the company's status, then the expiry.</param>
/// <param name="Summary">What the work is about.</param>
/// <param name="Customer">The customer it is for.</param>
/// <param name="LocationId">The service location, if any.</param>
/// <param name="IssuedOn">The day it was issued, in the company's time zone.</param>
/// <param name="ExpiresOn">The last day it can be accepted; null when it does not expire.</param>
/// <param name="OptionCount">How many options it offers.</param>
/// <param name="LowestTotal">The smallest option total.</param>
/// <param name="CanDecide">Whether the customer can accept or decline it now.</param>
public sealed record PortalProposalListItemDto(
    Guid Id, string Number, ProposalStatus Status, string? Summary, PortalProposalRefDto Customer, Guid? LocationId, DateOnly IssuedOn, DateOnly? ExpiresOn, int OptionCount,
    MoneyDocument LowestTotal, bool CanDecide);

/// <summary>One line of an option.</summary>
/// <param name="Description">What it is.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPrice">Price of one.</param>
/// <param name="Amount">The line's amount.</param>
public sealed record PortalProposalLineDto(string Description, decimal Quantity, MoneyDocument UnitPrice, MoneyDocument Amount);

/// <summary>An option the customer can accept.</summary>
/// <param name="Id">The option's id: send it as optionId to accept it.</param>
/// <param name="Name">Good, Better, Best, or the company's own name.</param>
/// <param name="Description">More about it.</param>
/// <param name="Recommended">Whether the company recommends it.</param>
/// <param name="Lines">Its lines.</param>
/// <param name="Total">Its total.</param>
public sealed record PortalProposalOptionDto(string Id, string Name, string? Description, bool Recommended, IReadOnlyList<PortalProposalLineDto> Lines, MoneyDocument Total);

/// <summary>The consent a signer agrees to (agreedToTerms) by accepting.</summary>
/// <param name="Text">Show it next to the signature.</param>
/// <param name="Version">Its version, recorded with the acceptance.</param>
public sealed record ProposalConsentDto(string Text, string Version);

/// <summary>A proposal with everything needed to read, sign, accept or decline it.</summary>
/// <param name="Id">The proposal's id.</param>
/// <param name="Number">The proposal number.</param>
/// <param name="Status">open, accepted, declined or expired.</param>
/// <param name="Summary">What the work is about.</param>
/// <param name="Customer">The customer it is for.</param>
/// <param name="Location">The service location with its address, if any.</param>
/// <param name="Job">The job it came from, if any.</param>
/// <param name="Equipment">The equipment it is about, if any.</param>
/// <param name="IssuedOn">The day it was issued, in the company's time zone.</param>
/// <param name="ExpiresOn">The last day it can be accepted (until the end of that day in the company's time zone); null when it does not expire.</param>
/// <param name="Terms">The company's terms for this estimate.</param>
/// <param name="FinancingOfferUrl">A financing offer's https link.</param>
/// <param name="Options">The options, in the company's order.</param>
/// <param name="RecommendedOptionId">The id of the option the company recommends, if any.</param>
/// <param name="Decision">The customer's decision, once made.</param>
/// <param name="CanDecide">Whether the customer can accept or decline it now.</param>
/// <param name="Reason">Why not, when canDecide is false: proposal_already_decided or proposal_expired.</param>
/// <param name="DocumentSha256">The version of the estimate as shown (SHA-256, hex): send it with the acceptance; it is also the PDF's ETag.</param>
/// <param name="DocumentUrl">The estimate as a PDF.</param>
/// <param name="Consent">The consent text the signer agrees to.</param>
public sealed record PortalProposalDto(
    Guid Id, string Number, ProposalStatus Status, string? Summary, PortalProposalRefDto Customer, InvoiceLocationDto? Location, PortalProposalRefDto? Job,
    PortalProposalRefDto? Equipment, DateOnly IssuedOn, DateOnly? ExpiresOn, string? Terms, string? FinancingOfferUrl, IReadOnlyList<PortalProposalOptionDto> Options,
    string? RecommendedOptionId, ProposalDecisionDto? Decision, bool CanDecide, string? Reason, string DocumentSha256, string DocumentUrl, ProposalConsentDto Consent);
