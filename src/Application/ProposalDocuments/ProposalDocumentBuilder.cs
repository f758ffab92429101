using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Portal;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace HeadlessPortal.Application.ProposalDocuments;

/// <summary>
/// Builds the <see cref="ProposalDocumentModel"/> of a proposal, and its version: the SHA-256 (lower-case hex) of a
/// canonical serialization of the model of the open proposal (without the decision). The renderer is deterministic,
/// so the model identifies the document the customer was shown; an acceptance sends the version back, and a
/// different one means the estimate changed meanwhile (docs/decisions/0008).
/// </summary>
public static class ProposalDocumentBuilder
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The model as the document shows it now (with the decision, once made).</summary>
    public static async Task<ProposalDocumentModel> BuildAsync(IAppDbContext db, Proposal proposal, Domain.Portal.PortalSettings settings, CancellationToken ct)
    {
        var tenantId = proposal.TenantId;
        var account = (await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct)).AccountSettings;
        var zone = TenantTime.ZoneOf(account);
        var branding = settings.Branding.ResolveWith(account);
        var customer = await db.Set<Customer>().AsNoTracking().IgnoreQueryFilters([QueryFilters.NotDeleted])
            .Where(c => c.Id == proposal.CustomerId).Select(c => new { c.Name, c.BillingAddress }).SingleAsync(ct);
        var location = proposal.LocationId is { } locationId
            ? await db.Set<Location>().AsNoTracking().IgnoreQueryFilters([QueryFilters.NotDeleted])
                .Where(l => l.Id == locationId).Select(l => new { l.Name, l.Address }).SingleOrDefaultAsync(ct)
            : null;

        var decision = proposal.Decision is { } d
            ? new ProposalDocumentDecision(
                d.Outcome == ProposalOutcome.Accepted, d.OptionId, d.SignerName, d.SignaturePng, d.DecidedAt.In(zone), d.Id.ToString(), d.DeclineReason)
            : null;
        return new ProposalDocumentModel(
            new ProposalDocumentCompany(branding.DisplayName, branding.PrimaryColor, account.Phone, account.Email),
            proposal.Number,
            proposal.Summary,
            DateOnly.FromDateTime(proposal.CreatedAt.In(zone).DateTime),
            proposal.ExpiresOn,
            proposal.Terms,
            proposal.Currency,
            new ProposalDocumentParty(customer.Name, Lines(customer.BillingAddress)),
            location is null ? null : new ProposalDocumentParty(location.Name ?? customer.Name, Lines(location.Address)),
            proposal.Options.Select(o => new ProposalDocumentOption(
                o.Id!, o.Name, o.Description, o.Recommended, o.Lines.Select(l => new ProposalDocumentLine(l.Description, l.Quantity, l.UnitPrice, l.Amount)).ToList(), o.Total)).ToList(),
            proposal.FinancingOfferUrl,
            decision);
    }

    /// <summary>The version of the document: SHA-256 of the canonical JSON of the model without its decision.</summary>
    public static string VersionOf(ProposalDocumentModel model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(model with { Decision = null }, Canonical))));

    /// <summary>
    /// The PDF's ETag: the document version while the estimate is open; once decided, the version and the decision's
    /// reference (the PDF then shows the decision, so the bytes differ from the open one's).
    /// </summary>
    public static string ETagOf(ProposalDocumentModel model) =>
        "\"" + VersionOf(model) + (model.Decision is { } decision ? "." + decision.EvidenceReference : string.Empty) + "\"";

    /// <summary>A download's file name: estimate-{number}.pdf, with only letters, digits, '-' and '_'.</summary>
    public static string FileNameOf(ProposalDocumentModel model) =>
        "estimate-" + new string(model.Number.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()) + ".pdf";

    private static List<string> Lines(Address? address)
    {
        if (address is null)
        {
            return [];
        }

        var lines = new List<string> { address.Line1 };
        if (!string.IsNullOrWhiteSpace(address.Line2))
        {
            lines.Add(address.Line2);
        }

        var city = string.Join(", ", new[] { address.City, string.Join(' ', new[] { address.Region, address.PostalCode }.Where(s => !string.IsNullOrWhiteSpace(s))) }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        lines.Add(city);
        lines.Add(address.Country.ToUpper(CultureInfo.InvariantCulture));
        return lines;
    }
}
