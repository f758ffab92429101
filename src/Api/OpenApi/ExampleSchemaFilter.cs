using System.Text.Json.Nodes;
using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.PortalAccess;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Application.EmailTemplates.PreviewEmailTemplate;
using HeadlessPortal.Application.EmailTemplates.UpdateEmailTemplate;
using HeadlessPortal.Application.Tenants;
using HeadlessPortal.Application.Tenants.CreateTenant;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Realistic examples for the documents clients send and receive, shown in Swagger UI.</summary>
internal sealed class ExampleSchemaFilter : ISchemaFilter
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(CreateTenantCommand)] = """
            { "name": "Acme Heating & Air", "hostName": "acme-hvac",
              "accountSettings": { "displayName": "Acme Heating & Air", "logoUrl": "https://cdn.acme-hvac.example/logo.png",
                "primaryColor": "#0B5FFF", "phone": "+15555550123", "email": "office@acme-hvac.example",
                "timeZone": "America/Chicago", "currency": "usd" } }
            """,
        [typeof(ChangeHostNameRequest)] = """{ "hostName": "acme-air" }""",
        [typeof(TenantDto)] = """
            { "id": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e6f", "name": "Acme Heating & Air", "slug": "acme-heating-air",
              "hostName": "acme-hvac",
              "accountSettings": { "displayName": "Acme Heating & Air", "logoUrl": null, "primaryColor": "#0B5FFF",
                "phone": "+15555550123", "email": "office@acme-hvac.example", "timeZone": "America/Chicago", "currency": "usd" },
              "createdAt": "2026-11-21T15:04:05.123+00:00", "updatedAt": "2026-11-21T15:04:05.123+00:00" }
            """,
        [typeof(EmailTemplateInput)] = """
            { "subject": "{CompanyName} invited you to your customer portal",
              "html": "<p>Hi {CustomerName},</p><p>Your portal is ready.</p><p><a href=\"{InvitationLink}\">Set up my account</a></p><p>The link expires in {ExpiresInDays} days.</p>",
              "text": "Hi {CustomerName},\n\nYour portal is ready: {InvitationLink}\n\nThe link expires in {ExpiresInDays} days." }
            """,
        [typeof(EmailTemplateDraft)] = """
            { "html": "<p>Hi {CustomerName},</p><p>Your portal is ready.</p><p><a href=\"{InvitationLink}\">Set up my account</a></p>" }
            """,
        [typeof(EmailTemplateDto)] = """
            { "kind": "invitation", "subject": "{CompanyName} invited you to your customer portal",
              "html": "<p>Hi {CustomerName},</p><p>Your portal is ready.</p><p><a href=\"{InvitationLink}\">Set up my account</a></p>",
              "text": "Hi {CustomerName},\n\nYour portal is ready: {InvitationLink}",
              "customized": true,
              "placeholders": [
                { "name": "CustomerName", "description": "The name of the customer record the invitation is for." },
                { "name": "InvitationLink", "description": "The link that accepts the invitation and sets up the portal account." },
                { "name": "ExpiresInDays", "description": "Days until the invitation link expires." },
                { "name": "CompanyName", "description": "The company's name as customers see it (the portal's effective display name)." } ],
              "updatedAt": "2026-11-22T10:15:00.000+00:00" }
            """,
        [typeof(EmailPreviewDto)] = """
            { "kind": "invitation", "to": "jordan.smith@example.com", "fromName": "Acme Heating & Air",
              "subject": "Acme Heating & Air invited you to your customer portal",
              "html": "<!DOCTYPE html><html lang=\"en\">...<p>Hi Jordan Smith,</p>...</html>",
              "text": "Hi Jordan Smith,\n\nYour portal is ready: https://acme-hvac.portal.example.com/accept-invitation?token=sample-invitation-token",
              "sampleValues": { "CustomerName": "Jordan Smith", "InvitationLink": "https://acme-hvac.portal.example.com/accept-invitation?token=sample-invitation-token", "ExpiresInDays": "7" } }
            """,
        [typeof(SignInRequest)] = """{ "email": "pat@example.com", "password": "demo-portal-password" }""",
        [typeof(LinkWithPasswordRequest)] = """{ "token": "pt_Qm9vdHN0cmFwLWV4YW1wbGUtdG9rZW4tdmFsdWUtMDE", "password": "correct horse battery staple" }""",
        [typeof(PortalLinkSignInRequest)] = """{ "token": "pl_UG9ydGFsLWxpbmstZXhhbXBsZS10b2tlbi12YWx1ZS0wMQ", "lastFour": "0187" }""",
        [typeof(PortalTokens)] = """
            { "accessToken": "eyJhbGciOiJFUzI1NiIsImtpZCI6IjAxOWE5ZiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiIwMTlhOWYyZSJ9.c2lnbmF0dXJl",
              "refreshToken": "rt_UmVmcmVzaC10b2tlbi1leGFtcGxlLXZhbHVlLTAxMjM0NTY", "tokenType": "Bearer", "expiresIn": 900 }
            """,
        [typeof(PortalMeDto)] = """
            { "email": "pat@example.com",
              "customers": [
                { "id": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e6f", "name": "Jordan Kowalski", "accessLevel": "billing" },
                { "id": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e70", "name": "Pat Thompson", "accessLevel": "billing" },
                { "id": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e71", "name": "Riverside Veterinary Clinic", "accessLevel": "serviceOnly" } ] }
            """,
        [typeof(CustomerPortalAccessDto)] = """
            { "customerId": "cust-1031",
              "contacts": [
                { "id": "con-1031", "email": "jordan.thompson@example.net", "accessLevel": "billing", "memo": null, "status": "invited",
                  "invitedAt": "2026-11-20T14:02:11.000+00:00", "lastSignInAt": null },
                { "id": "con-pat-thompson", "email": "pat@example.com", "accessLevel": "billing", "memo": "Pat Thompson; pays the bills.",
                  "status": "active", "invitedAt": "2026-11-01T09:00:00.000+00:00", "lastSignInAt": "2026-11-22T08:41:19.000+00:00" } ],
              "portalLink": { "createdAt": "2026-11-21T16:30:00.000+00:00", "createdBy": "demo-admin", "lockedUntil": null } }
            """,
        [typeof(ContactPortalAccessDto)] = """
            { "id": "con-1031", "email": "jordan.thompson@example.net", "accessLevel": "billing", "memo": null, "status": "invited",
              "invitedAt": "2026-11-22T10:15:00.000+00:00", "lastSignInAt": null }
            """,
        [typeof(CreatedPortalLinkDto)] = """
            { "url": "https://acme-hvac.portal.example.com/link?token=pl_UG9ydGFsLWxpbmstZXhhbXBsZS10b2tlbi12YWx1ZS0wMQ",
              "token": "pl_UG9ydGFsLWxpbmstZXhhbXBsZS10b2tlbi12YWx1ZS0wMQ", "createdAt": "2026-11-22T10:15:00.000+00:00" }
            """,
        [typeof(ApiProblem)] = """
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Validation failed", "status": 400,
              "detail": "One or more fields are invalid.", "code": "validation_failed",
              "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
              "errors": { "hostName": ["Host names are lowercase: use lowercase letters, digits and hyphens."] } }
            """,
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
        {
            concrete.Examples = [JsonNode.Parse(example)!];
        }
    }
}
