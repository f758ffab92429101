using HeadlessPortal.Application.EstimateLinks.ViewEstimateLink;
using HeadlessPortal.Application.PortalProposals;
using HeadlessPortal.Application.Proposals;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Examples of the estimate schemas (the portal's proposals and the customer's decision), one realistic value each.</summary>
internal static class ProposalExamples
{
    private const string Proposal = """
        { "id": "019aa0c4-6f7a-7b8c-9d0e-1f2a3b4c5d6e", "number": "EST-3310", "status": "open", "summary": "Replace the 15-year-old furnace",
          "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
          "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
            "address": { "line1": "14 Birch Lane", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
          "job": { "id": "019aa0c2-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "name": "J-20731" },
          "equipment": { "id": "019aa0c6-8b9c-7d0e-8f1a-2b3c4d5e6f7a", "name": "Gas furnace" },
          "issuedOn": "2026-12-03", "expiresOn": "2027-01-02", "terms": "Prices include parts and labor. A 10% deposit is due when the work is scheduled.",
          "financingOfferUrl": "https://finance.example/offers/acme-3310",
          "options": [
            { "id": "good", "name": "Good", "description": "Single-stage 80% furnace", "recommended": false,
              "lines": [ { "description": "80% single-stage furnace, installed", "quantity": 1, "unitPrice": { "amount": 489000, "currency": "usd" },
                "amount": { "amount": 489000, "currency": "usd" } } ],
              "total": { "amount": 489000, "currency": "usd" } },
            { "id": "better", "name": "Better", "description": "Two-stage 96% furnace", "recommended": true,
              "lines": [ { "description": "96% two-stage furnace, installed", "quantity": 1, "unitPrice": { "amount": 689000, "currency": "usd" },
                "amount": { "amount": 689000, "currency": "usd" } } ],
              "total": { "amount": 689000, "currency": "usd" } } ],
          "recommendedOptionId": "better", "decision": null, "canDecide": true, "reason": null,
          "documentSha256": "9f2b5c0e6a1d4e7f8a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f",
          "documentUrl": "{documentUrl}",
          "consent": { "text": "By signing, I accept this estimate and the option I chose, at the price and on the terms shown, and I agree that my electronic signature is as valid as a handwritten one.",
            "version": "2026-12-03" } }
        """;

    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(PortalProposalListItemDto)] = """
            { "id": "019aa0c4-6f7a-7b8c-9d0e-1f2a3b4c5d6e", "number": "EST-3310", "status": "open", "summary": "Replace the 15-year-old furnace",
              "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
              "locationId": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "issuedOn": "2026-12-03", "expiresOn": "2027-01-02", "optionCount": 3,
              "lowestTotal": { "amount": 489000, "currency": "usd" }, "canDecide": true }
            """,
        [typeof(PortalProposalDto)] = Proposal.Replace("{documentUrl}", "/v1/portal/proposals/019aa0c4-6f7a-7b8c-9d0e-1f2a3b4c5d6e/document", StringComparison.Ordinal),
        [typeof(EstimateLinkViewDto)] = """
            { "proposals": [ {proposal} ],
              "customerName": "Thompson Household",
              "company": { "displayName": "Acme Heating & Air", "logoUrl": "https://cdn.acme-hvac.example/logo.png", "primaryColor": "#0B5FFF",
                "phone": "+15555550123", "email": "office@acme-hvac.example" },
              "portal": { "signInAvailable": true, "signInMethods": ["password", "magicLink"], "url": "https://acme-hvac.portal.example.com" },
              "expiresAt": "2027-01-02T09:30:00.000-06:00" }
            """.Replace("{proposal}", Proposal.Replace(
                "{documentUrl}", "/v1/public/estimate-links/est_Jx3dV8kQmZ2pR7wT1yN4bF6hL9sC0aE5gU2iO8vK3qM/proposals/019aa0c4-6f7a-7b8c-9d0e-1f2a3b4c5d6e/document",
                StringComparison.Ordinal), StringComparison.Ordinal),
        [typeof(ProposalDecisionDto)] = """
            { "id": "019aa5f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f", "outcome": "accepted", "optionId": "better", "decidedAt": "2026-12-04T15:42:10.000+00:00",
              "channel": "portal", "signatureType": "drawn", "signerName": "Pat Thompson", "declineReason": null,
              "documentSha256": "9f2b5c0e6a1d4e7f8a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f" }
            """,
        [typeof(AdminProposalDecisionDto)] = """
            { "id": "019aa5f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f", "outcome": "accepted", "optionId": "better", "decidedAt": "2026-12-04T15:42:10.000+00:00",
              "channel": "portal", "portalUserId": "019aa0d0-1b2c-7d3e-8f4a-5b6c7d8e9f0a", "estimateLinkId": null, "signatureType": "typed", "signerName": "Pat Thompson",
              "signatureImage": null,
              "consentText": "By signing, I accept this estimate and the option I chose, at the price and on the terms shown, and I agree that my electronic signature is as valid as a handwritten one.",
              "consentVersion": "2026-12-03", "ipAddress": "203.0.113.24", "userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)",
              "documentSha256": "9f2b5c0e6a1d4e7f8a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f", "declineReason": null, "confirmedBySync": false }
            """,
        [typeof(AcceptProposalRequest)] = """
            { "optionId": "better", "documentSha256": "9f2b5c0e6a1d4e7f8a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f",
              "signature": { "type": "typed", "name": "Pat Thompson" }, "agreedToTerms": true }
            """,
        [typeof(ProposalSignatureInput)] = """{ "type": "drawn", "name": "Pat Thompson", "image": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAlgAAADICAAAAAA..." }""",
        [typeof(DeclineProposalRequest)] = """{ "reason": "We decided to repair the old furnace for now." }""",
    };
}
