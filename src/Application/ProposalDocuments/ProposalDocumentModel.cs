namespace HeadlessPortal.Application.ProposalDocuments;

/// <summary>
/// Renders an estimate as a PDF. The same model always gives the same bytes (no clock, no random ids inside the file),
/// so the document a customer was shown is identified by the model it was rendered from.
/// </summary>
public interface IProposalDocumentRenderer
{
    byte[] Render(ProposalDocumentModel model);
}

/// <summary>Everything an estimate's PDF shows, already in the company's time zone and currency.</summary>
/// <param name="Company">Whose estimate it is, as the portal brands it.</param>
/// <param name="Number">The proposal's number, such as EST-3310.</param>
/// <param name="Summary">What the work is about; null when the back office gave none.</param>
/// <param name="IssuedOn">The day the estimate was first synced, in the company's time zone.</param>
/// <param name="ExpiresOn">The last day it can be accepted; null when it does not expire.</param>
/// <param name="Terms">The company's terms for this estimate, shown under the options; null when none.</param>
/// <param name="Currency">ISO 4217 code of every amount, lower case (usd).</param>
/// <param name="Customer">The customer the estimate is for.</param>
/// <param name="Location">The service location, when the estimate names one.</param>
/// <param name="Options">The options in the order the back office sent them.</param>
/// <param name="FinancingOfferUrl">A financing offer's https link, printed as text; null when none.</param>
/// <param name="Decision">The customer's decision, once made; null while the estimate is open.</param>
public sealed record ProposalDocumentModel(
    ProposalDocumentCompany Company,
    string Number,
    string? Summary,
    DateOnly IssuedOn,
    DateOnly? ExpiresOn,
    string? Terms,
    string Currency,
    ProposalDocumentParty Customer,
    ProposalDocumentParty? Location,
    IReadOnlyList<ProposalDocumentOption> Options,
    string? FinancingOfferUrl,
    ProposalDocumentDecision? Decision);

/// <param name="DisplayName">The company's name as the portal shows it.</param>
/// <param name="PrimaryColor">The brand colour as #RRGGBB; null for the default.</param>
/// <param name="Phone">The office phone, E.164; null when none.</param>
/// <param name="Email">The office email; null when none.</param>
public sealed record ProposalDocumentCompany(string DisplayName, string? PrimaryColor, string? Phone, string? Email);

/// <param name="Name">The customer's or location's name.</param>
/// <param name="AddressLines">The address, one printed line each (street, city and region, ...); empty when unknown.</param>
public sealed record ProposalDocumentParty(string Name, IReadOnlyList<string> AddressLines);

/// <param name="Id">The option's id, as the acceptance names it.</param>
/// <param name="Name">Good, Better, Best, or the back office's own name.</param>
/// <param name="Description">More about the option; null when none.</param>
/// <param name="Recommended">Whether the company recommends this option.</param>
/// <param name="Lines">The option's lines.</param>
/// <param name="Total">The option's total in minor units; the sum of its lines.</param>
public sealed record ProposalDocumentOption(string Id, string Name, string? Description, bool Recommended, IReadOnlyList<ProposalDocumentLine> Lines, long Total);

/// <param name="Description">What the line is.</param>
/// <param name="Quantity">How many (may be fractional, such as 1.5 hours).</param>
/// <param name="UnitPrice">Price of one, in minor units.</param>
/// <param name="Amount">The line's amount in minor units.</param>
public sealed record ProposalDocumentLine(string Description, decimal Quantity, long UnitPrice, long Amount);

/// <summary>The customer's decision as the document records it.</summary>
/// <param name="Accepted">True when accepted, false when declined.</param>
/// <param name="OptionId">The chosen option's id when accepted; null when declined.</param>
/// <param name="SignerName">Who signed (the typed or printed name); null when declined.</param>
/// <param name="SignaturePng">The drawn signature as PNG bytes; null for a typed signature or a decline.</param>
/// <param name="DecidedAt">When, in the company's time zone with its offset.</param>
/// <param name="EvidenceReference">The reference of the recorded evidence (its id), for the office to look up.</param>
/// <param name="DeclineReason">The reason given with a decline; null when none or accepted.</param>
public sealed record ProposalDocumentDecision(
    bool Accepted, string? OptionId, string? SignerName, byte[]? SignaturePng, DateTimeOffset DecidedAt, string EvidenceReference, string? DeclineReason);
