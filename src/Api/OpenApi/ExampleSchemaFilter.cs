using System.Text.Json.Nodes;
using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Api.Errors;
using HeadlessPortal.Application.AuditEvents.GetJobAuditTrail;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Application.EmailTemplates;
using HeadlessPortal.Application.EmailTemplates.PreviewEmailTemplate;
using HeadlessPortal.Application.EmailTemplates.UpdateEmailTemplate;
using HeadlessPortal.Application.EstimateLinks;
using HeadlessPortal.Application.EstimateLinks.ViewEstimateLink;
using HeadlessPortal.Application.PaymentLinks;
using HeadlessPortal.Application.PaymentLinks.ViewPaymentLink;
using HeadlessPortal.Application.Payments;
using HeadlessPortal.Application.PortalAccess;
using HeadlessPortal.Application.PortalAccess.CreatePortalLink;
using HeadlessPortal.Application.PortalAccess.GetCustomerPortalAccess;
using HeadlessPortal.Application.PortalAssets;
using HeadlessPortal.Application.PortalAuth;
using HeadlessPortal.Application.PortalAuth.GetPortalMe;
using HeadlessPortal.Application.PortalInvoices;
using HeadlessPortal.Application.PortalJobs;
using HeadlessPortal.Application.PortalPaymentMethods;
using HeadlessPortal.Application.PortalPaymentMethods.AttachPaymentMethod;
using HeadlessPortal.Application.PortalPaymentMethods.SetUpPaymentMethod;
using HeadlessPortal.Application.PortalTasks;
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
        [typeof(OAuthAppRequest)] = """
            { "name": "Company website", "clientType": "public",
              "redirectUris": ["https://www.acme-hvac.example/portal/callback"], "allowedOrigins": ["https://www.acme-hvac.example"] }
            """,
        [typeof(OAuthAppUpdateRequest)] = """
            { "name": "Company website", "redirectUris": ["https://www.acme-hvac.example/portal/callback", "https://www.acme-hvac.example/app/callback"],
              "allowedOrigins": ["https://www.acme-hvac.example"] }
            """,
        [typeof(Application.OAuthApps.OAuthAppDto)] = """
            { "id": "019ad7c1-2f3e-7a4b-8c5d-6e7f8091a2b3", "clientId": "app_k3v9q2m7x1c8r4t6w5y0z2a1", "name": "Company website",
              "clientType": "confidential", "redirectUris": ["https://www.acme-hvac.example/portal/callback"],
              "allowedOrigins": ["https://www.acme-hvac.example"], "createdAt": "2026-12-05T10:00:00.000+00:00",
              "updatedAt": "2026-12-05T10:00:00.000+00:00", "clientSecret": "hpa_Vj8c2mQ0rW9xZt4LkP1sN6yB3dF7gH5aE2uC0oI9qXw" }
            """,
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
        [typeof(PortalJobPage)] = """
            { "data": [ { "id": "019aa3c1-7b2e-7f10-8a4d-2c5e9b1f0a37", "number": "J-10482", "summary": "Furnace makes a rattling noise at start-up.",
                "jobType": "Furnace repair",
                "location": { "id": "019aa3c0-1d4f-7a22-9b6e-5f3a2c1d0e98", "name": null,
                  "address": { "line1": "1418 Maple Ave", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
                "customer": { "id": "019aa3bf-9e8d-7c61-b0a2-4d7e6f5a3b21", "name": "Thompson Household" },
                "tab": "upcoming",
                "nextAppointment": { "date": "2026-11-24", "arrivalWindowStart": "2026-11-24T08:00:00-06:00", "arrivalWindowEnd": "2026-11-24T10:00:00-06:00" },
                "lastAppointment": null } ],
              "nextCursor": "AZqjwXsufxCKTSxemx8KNw",
              "hasMore": true,
              "unscheduledVisits": [ { "agreementId": "019aa3c2-4a1b-7e33-8c5d-6b7a8f9e0d12", "agreementName": "Comfort Club",
                "customer": { "id": "019aa3bf-9e8d-7c61-b0a2-4d7e6f5a3b21", "name": "Thompson Household" },
                "name": "Spring AC tune-up", "targetDate": "2027-04-15", "callToSchedulePhone": "+15555550100" } ],
              "bookedAppointments": [ { "bookingId": "019aa6a0-2c3d-7e4f-8a5b-6c7d8e9f0a1b", "jobType": { "id": "019aa0b0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "AC tune-up" },
                  "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
                  "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                    "address": { "line1": "1200 Oak Ave", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
                  "date": "2026-12-08", "arrivalWindowStart": "2026-12-08T08:00:00-06:00", "arrivalWindowEnd": "2026-12-08T12:00:00-06:00",
                  "changeableUntil": "2026-12-07T08:00:00-06:00", "canChange": true, "url": "/v1/portal/bookings/019aa6a0-2c3d-7e4f-8a5b-6c7d8e9f0a1b" } ] }
            """,
        [typeof(PortalJobDto)] = """
            { "id": "019aa3c1-7b2e-7f10-8a4d-2c5e9b1f0a37", "number": "J-10431", "summary": "Replace the capacitor of the outdoor AC unit.",
              "jobType": "AC repair",
              "location": { "id": "019aa3c0-1d4f-7a22-9b6e-5f3a2c1d0e98", "name": null,
                "address": { "line1": "1418 Maple Ave", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
              "customer": { "id": "019aa3bf-9e8d-7c61-b0a2-4d7e6f5a3b21", "name": "Thompson Household" },
              "tab": "completed",
              "appointments": [ { "id": "019aa3c3-2b4c-7d55-9e6f-7a8b9c0d1e23", "status": "completed",
                "time": { "date": "2026-11-12", "arrivalWindowStart": "2026-11-12T13:00:00-06:00", "arrivalWindowEnd": "2026-11-12T15:00:00-06:00" },
                "technicians": [ { "id": "019aa3b0-5c6d-7e77-8f90-1a2b3c4d5e6f", "displayName": "Mike R.", "photoUrl": "https://cdn.demo-hvac.example/techs/mike.jpg" } ] } ],
              "invoiceSummary": "Replaced the run capacitor (45/5 uF) and tested the system.",
              "invoice": { "id": "019aa3c4-8d9e-7f88-a1b2-3c4d5e6f7a8b", "number": "INV-20931",
                "total": { "amount": 28900, "currency": "usd" }, "balance": { "amount": 0, "currency": "usd" },
                "amountPending": { "amount": 0, "currency": "usd" }, "payableAmount": { "amount": 0, "currency": "usd" } },
              "documents": [ { "id": "019aa3c5-1e2f-7a99-b3c4-5d6e7f8a9b0c", "title": "Inspection report", "kind": "document",
                "fileName": "inspection-report.pdf", "contentType": "application/pdf", "size": 184320,
                "contentUrl": "/v1/portal/documents/019aa3c5-1e2f-7a99-b3c4-5d6e7f8a9b0c/content" } ] }
            """,
        [typeof(PortalLocationDto)] = """
            { "id": "019aa3c0-1d4f-7a22-9b6e-5f3a2c1d0e98", "name": "Lake cottage",
              "address": { "line1": "77 Shoreline Dr", "line2": null, "city": "Chatham", "region": "IL", "postalCode": "62629", "country": "US" },
              "customerId": "019aa3bf-9e8d-7c61-b0a2-4d7e6f5a3b21" }
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
        [typeof(PortalEquipmentDto)] = """
            { "id": "019a9f2e-7a10-7c3e-8d21-3b4c5d6e7f80", "customerId": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e70",
              "location": { "id": "019a9f2e-6b02-7f11-a3c4-5d6e7f8091a2", "name": "Home" },
              "type": "Air conditioner", "manufacturer": "Trane", "model": "4TTR6036J1000A", "serial": "TRN23110457", "installedOn": "2026-09-09",
              "manufacturerWarranty": { "start": "2026-09-09", "end": "2038-09-08", "terms": "Parts, 12 years with registration." },
              "serviceWarranty": { "start": "2026-09-09", "end": "2028-09-08", "terms": "Labor, 2 years (Acme Heating & Air)." } }
            """,
        [typeof(PortalEquipmentDetailDto)] = """
            { "id": "019a9f2e-7a10-7c3e-8d21-3b4c5d6e7f80", "customerId": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e70",
              "location": { "id": "019a9f2e-6b02-7f11-a3c4-5d6e7f8091a2", "name": "Home" },
              "type": "Air conditioner", "manufacturer": "Trane", "model": "4TTR6036J1000A", "serial": "TRN23110457", "installedOn": "2026-09-09",
              "manufacturerWarranty": { "start": "2026-09-09", "end": "2038-09-08", "terms": "Parts, 12 years with registration." },
              "serviceWarranty": null,
              "serviceHistory": [
                { "id": "019a9f2e-8c20-7d4f-9e32-4c5d6e7f8091", "number": "J-24006", "summary": "Condensate pump not draining; replaced under the service warranty.",
                  "lastAppointmentAt": "2026-11-12T15:00:00.000+00:00" },
                { "id": "019a9f2e-8c20-7d4f-9e32-4c5d6e7f8090", "number": "J-24005", "summary": "Replace 20-year-old furnace and AC with a Trane high-efficiency system.",
                  "lastAppointmentAt": "2026-09-09T13:00:00.000+00:00" } ],
              "proposals": [
                { "id": "019a9f2e-9d30-7e5a-8f43-5d6e7f8091a2", "number": "P-3102", "status": "accepted",
                  "options": [ { "name": "Better", "total": { "amount": 1189000, "currency": "usd" } }, { "name": "Best", "total": { "amount": 1459000, "currency": "usd" } } ] } ] }
            """,
        [typeof(PortalAgreementDto)] = """
            { "id": "019a9f2e-ae40-7f6b-9a54-6e7f8091a2b3", "customerId": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e71",
              "name": "Quarterly rooftop maintenance", "status": "active", "startDate": "2026-08-14", "endDate": "2027-08-13" }
            """,
        [typeof(PortalAgreementDetailDto)] = """
            { "id": "019a9f2e-ae40-7f6b-9a54-6e7f8091a2b3", "customerId": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e71",
              "name": "Quarterly rooftop maintenance", "status": "active", "startDate": "2026-08-14", "endDate": "2027-08-13",
              "visits": [
                { "name": "Quarterly maintenance, visit 1", "targetDate": "2026-09-13", "status": "completed",
                  "job": { "id": "019a9f2e-8c20-7d4f-9e32-4c5d6e7f8095", "number": "J-24015" } },
                { "name": "Quarterly maintenance, visit 2", "targetDate": "2026-12-01", "status": "scheduled",
                  "job": { "id": "019a9f2e-8c20-7d4f-9e32-4c5d6e7f8096", "number": "J-24025" } },
                { "name": "Quarterly maintenance, visit 3", "targetDate": "2027-03-12", "status": "unscheduled", "job": null } ],
              "equipment": [
                { "id": "019a9f2e-7a10-7c3e-8d21-3b4c5d6e7f85", "type": "Rooftop unit", "manufacturer": "Lennox", "model": "LGH048H4B", "serial": "5622F08811",
                  "location": { "id": "019a9f2e-6b02-7f11-a3c4-5d6e7f8091a5", "name": "Clinic" } } ],
              "invoices": [
                { "id": "019a9f2e-bf50-7a7c-8b65-7f8091a2b3c4", "number": "INV-24032", "issueDate": "2026-08-14", "dueDate": "2026-09-13",
                  "total": { "amount": 21900, "currency": "usd" }, "balance": { "amount": 0, "currency": "usd" },
                  "amountPending": { "amount": 0, "currency": "usd" }, "payableAmount": { "amount": 0, "currency": "usd" } } ] }
            """,
        [typeof(PortalMembershipDto)] = """
            { "id": "019a9f2e-c060-7b8d-9c76-8091a2b3c4d5", "customerId": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e70",
              "type": "Comfort Club", "status": "active", "startDate": "2026-05-06", "endDate": "2027-05-05" }
            """,
        [typeof(PortalMembershipDetailDto)] = """
            { "id": "019a9f2e-c060-7b8d-9c76-8091a2b3c4d5", "customerId": "019a9f2e-5c1b-7d3a-9e4f-1a2b3c4d5e70",
              "type": "Comfort Club", "status": "active", "startDate": "2026-05-06", "endDate": "2027-05-05",
              "visits": [ { "name": "Member tune-up", "targetDate": "2026-10-15", "status": "completed",
                "job": { "id": "019a9f2e-8c20-7d4f-9e32-4c5d6e7f8093", "number": "J-24003" } } ],
              "equipment": [], "invoices": [] }
            """,
        [typeof(CursorPage<BillToCustomerDto>)] = """
            { "data": [
                { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household", "openBalance": { "amount": 28950, "currency": "usd" },
                  "amountPending": { "amount": 0, "currency": "usd" }, "payableAmount": { "amount": 28950, "currency": "usd" }, "payable": true, "unpaidInvoiceCount": 2 },
                { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f7", "name": "Kowalski Household", "openBalance": { "amount": 0, "currency": "usd" },
                  "amountPending": { "amount": 0, "currency": "usd" }, "payableAmount": { "amount": 0, "currency": "usd" }, "payable": false, "unpaidInvoiceCount": 0 } ],
              "nextCursor": null, "hasMore": false }
            """,
        [typeof(CursorPage<PortalInvoiceSummaryDto>)] = """
            { "data": [
                { "id": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "number": "INV-10482", "status": "open", "issueDate": "2026-11-14", "dueDate": "2026-12-14",
                  "billTo": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
                  "total": { "amount": 18950, "currency": "usd" }, "balance": { "amount": 18950, "currency": "usd" },
                  "amountPending": { "amount": 0, "currency": "usd" }, "payableAmount": { "amount": 18950, "currency": "usd" }, "payable": true,
                  "summary": "Replaced the condenser fan motor and capacitor.", "jobId": "019aa0c2-1a2b-7c3d-8e4f-5a6b7c8d9e0f" } ],
              "nextCursor": "AQAKxYwBmqDCTV5_YIobLD1OX2p7", "hasMore": true }
            """,
        [typeof(PortalInvoiceDto)] = """
            { "id": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "number": "INV-10482", "status": "open", "issueDate": "2026-11-14", "dueDate": "2026-12-14",
              "billTo": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
              "summary": "Replaced the condenser fan motor and capacitor.",
              "lines": [
                { "description": "Condenser fan motor", "quantity": 1, "unitPrice": { "amount": 12500, "currency": "usd" }, "amount": { "amount": 12500, "currency": "usd" } },
                { "description": "Labor (hours)", "quantity": 1.5, "unitPrice": { "amount": 3900, "currency": "usd" }, "amount": { "amount": 5850, "currency": "usd" } } ],
              "subtotal": { "amount": 18350, "currency": "usd" }, "tax": { "amount": 600, "currency": "usd" }, "total": { "amount": 18950, "currency": "usd" },
              "amountPaid": { "amount": 5000, "currency": "usd" }, "balance": { "amount": 13950, "currency": "usd" },
              "amountPending": { "amount": 0, "currency": "usd" }, "payableAmount": { "amount": 0, "currency": "usd" },
              "payments": [ { "amount": { "amount": 5000, "currency": "usd" }, "paidAt": "2026-11-14T16:20:00.000-05:00", "method": "check", "reference": "Check 1042" } ],
              "job": { "id": "019aa0c2-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "number": "J-20731", "summary": "No cooling upstairs." },
              "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                "address": { "line1": "14 Birch Lane", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
              "payment": { "payable": false, "reason": "payments_disabled", "partialPaymentsAllowed": true, "minimumAmount": { "amount": 50, "currency": "usd" } } }
            """,
        [typeof(PortalTasksDto)] = """
            { "invoicesToPay": { "count": 1, "items": [
                { "id": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "number": "INV-10482", "issueDate": "2026-11-14", "dueDate": "2026-12-14",
                  "billTo": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
                  "balance": { "amount": 13950, "currency": "usd" }, "amountPending": { "amount": 0, "currency": "usd" },
                  "payableAmount": { "amount": 13950, "currency": "usd" }, "payable": true, "reason": null } ] },
              "upcomingAppointments": { "count": 1, "items": [
                { "id": "019aa0c3-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "jobId": "019aa0c2-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "jobNumber": "J-20745",
                  "jobSummary": "Furnace tune-up", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "status": "scheduled", "date": "2026-11-28",
                  "start": "2026-11-28T08:00:00.000-06:00", "end": "2026-11-28T10:00:00.000-06:00",
                  "arrivalWindowStart": "2026-11-28T08:00:00.000-06:00", "arrivalWindowEnd": "2026-11-28T10:00:00.000-06:00" } ] },
              "proposalsAwaitingSignature": { "count": 1, "items": [
                { "id": "019aa0c4-6f7a-7b8c-9d0e-1f2a3b4c5d6e", "number": "EST-3310", "summary": "Replace the 15-year-old furnace",
                  "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "optionCount": 3, "expiresOn": "2027-01-02",
                  "url": "/v1/portal/proposals/019aa0c4-6f7a-7b8c-9d0e-1f2a3b4c5d6e" } ] },
              "reviewPrompts": { "count": 1, "items": [
                { "jobId": "019aa3c1-7b2e-7f10-8a4d-2c5e9b1f0a37", "jobNumber": "J-10482", "jobSummary": "Furnace makes a rattling noise at start-up.",
                  "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "completedAt": "2026-11-20T15:10:00-06:00", "expiresAt": "2026-12-20T15:10:00-06:00",
                  "url": "/v1/portal/jobs/019aa3c1-7b2e-7f10-8a4d-2c5e9b1f0a37/review" } ] },
              "agreementVisitsToSchedule": { "count": 1, "items": [
                { "agreementId": "019aa0c5-7a8b-7c9d-8e0f-1a2b3c4d5e6f", "agreementName": "Comfort Club", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6",
                  "visitName": "Spring tune-up", "targetDate": "2027-04-15" } ] },
              "bookedAppointments": { "count": 1, "items": [ { "bookingId": "019aa6a0-2c3d-7e4f-8a5b-6c7d8e9f0a1b", "jobType": { "id": "019aa0b0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "AC tune-up" },
                  "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
                  "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                    "address": { "line1": "1200 Oak Ave", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
                  "date": "2026-12-08", "arrivalWindowStart": "2026-12-08T08:00:00-06:00", "arrivalWindowEnd": "2026-12-08T12:00:00-06:00",
                  "changeableUntil": "2026-12-07T08:00:00-06:00", "canChange": true, "url": "/v1/portal/bookings/019aa6a0-2c3d-7e4f-8a5b-6c7d8e9f0a1b" } ] } }
            """,
        [typeof(SavedPaymentMethodDto)] = """
            { "id": "019aa1d0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "type": "card", "isPrimary": true,
              "summary": "Visa •••• 4242", "card": { "brand": "visa", "last4": "4242", "expMonth": 8, "expYear": 2029, "expired": false },
              "bankAccount": null, "createdAt": "2026-11-22T14:05:12.345+00:00" }
            """,
        [typeof(SavedCardDto)] = """{ "brand": "visa", "last4": "4242", "expMonth": 8, "expYear": 2029, "expired": false }""",
        [typeof(SavedBankAccountDto)] = """{ "bankName": "STRIPE TEST BANK", "last4": "6789" }""",
        [typeof(CursorPage<SavedPaymentMethodDto>)] = """
            { "data": [
                { "id": "019aa1d0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "type": "card", "isPrimary": true,
                  "summary": "Visa •••• 4242", "card": { "brand": "visa", "last4": "4242", "expMonth": 8, "expYear": 2029, "expired": false },
                  "bankAccount": null, "createdAt": "2026-11-22T14:05:12.345+00:00" },
                { "id": "019aa1d2-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "type": "usBankAccount", "isPrimary": false,
                  "summary": "STRIPE TEST BANK •••• 6789", "card": null, "bankAccount": { "bankName": "STRIPE TEST BANK", "last4": "6789" },
                  "createdAt": "2026-11-22T14:09:40.002+00:00" } ],
              "nextCursor": null, "hasMore": false }
            """,
        [typeof(SetUpPaymentMethodRequest)] = """{ "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "type": "card" }""",
        [typeof(PaymentMethodSetupDto)] = """
            { "setupIntentId": "seti_1QbXk2LkdIwHu7ixO5mGvV3d", "clientSecret": "seti_1QbXk2LkdIwHu7ixO5mGvV3d_secret_RUJ7Ylpm0fbDk2oQ1QbXk2",
              "stripe": { "publishableKey": "pk_live_51Hx2ZyLkdIwHu7ixVb3X", "accountId": "acct_1Nv0FGQ9RKHgCVdK" } }
            """,
        [typeof(AttachPaymentMethodRequest)] = """{ "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "setupIntentId": "seti_1QbXk2LkdIwHu7ixO5mGvV3d" }""",
        [typeof(PaymentMethodHistoryEntryDto)] = """
            { "id": "019aa1d4-7a8b-7c9d-8e0f-1a2b3c4d5e6f", "savedPaymentMethodId": "019aa1d0-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "action": "madePrimary",
              "method": "Visa •••• 4242", "actor": "portal-user:019a9f30-1b2c-7d3e-8f4a-5b6c7d8e9f01", "at": "2026-11-22T14:11:03.120+00:00" }
            """,
        [typeof(CreatePaymentLinkRequest)] = """{ "expiresInDays": 14 }""",
        [typeof(CreatedPaymentLinkDto)] = """
            { "id": "019aa3d1-2c3d-7e4f-8a5b-6c7d8e9f0a1b", "invoiceId": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "invoiceExternalId": "inv-10482",
              "url": "https://acme-hvac.portal.example.com/pay?token=pay_UGF5bWVudC1saW5rLWV4YW1wbGUtdG9rZW4tdmFsdWUtMDE",
              "token": "pay_UGF5bWVudC1saW5rLWV4YW1wbGUtdG9rZW4tdmFsdWUtMDE",
              "expiresAt": "2026-12-06T15:30:00.000+00:00", "createdAt": "2026-11-22T15:30:00.000+00:00" }
            """,
        [typeof(PaymentLinkDto)] = """
            { "id": "019aa3d1-2c3d-7e4f-8a5b-6c7d8e9f0a1b", "invoiceId": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "invoiceExternalId": "inv-10482",
              "status": "active", "expiresAt": "2026-12-22T15:30:00.000+00:00", "createdAt": "2026-11-22T15:30:00.000+00:00", "createdBy": "system",
              "revokedAt": null, "lastViewedAt": "2026-11-23T07:12:44.000+00:00" }
            """,
        [typeof(PaymentLinkViewDto)] = """
            { "invoice": { "id": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "number": "INV-10482", "status": "open", "issueDate": "2026-11-14", "dueDate": "2026-12-14",
                "billTo": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "name": "Thompson Household" },
                "summary": "Replaced the condenser fan motor and capacitor.",
                "lines": [
                  { "description": "Condenser fan motor", "quantity": 1, "unitPrice": { "amount": 12500, "currency": "usd" }, "amount": { "amount": 12500, "currency": "usd" } },
                  { "description": "Labor (hours)", "quantity": 1.5, "unitPrice": { "amount": 3900, "currency": "usd" }, "amount": { "amount": 5850, "currency": "usd" } } ],
                "subtotal": { "amount": 18350, "currency": "usd" }, "tax": { "amount": 600, "currency": "usd" }, "total": { "amount": 18950, "currency": "usd" },
                "amountPaid": { "amount": 0, "currency": "usd" }, "balance": { "amount": 18950, "currency": "usd" },
                "amountPending": { "amount": 0, "currency": "usd" }, "payableAmount": { "amount": 18950, "currency": "usd" },
                "payments": [],
                "job": { "id": "019aa0c2-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "number": "J-20731", "summary": "No cooling upstairs." },
                "location": { "id": "019aa0c1-3c4d-7e5f-8a6b-7c8d9e0f1a2b", "name": "Home",
                  "address": { "line1": "14 Birch Lane", "line2": null, "city": "Springfield", "region": "IL", "postalCode": "62704", "country": "US" } },
                "payment": { "payable": true, "reason": null, "partialPaymentsAllowed": false, "minimumAmount": null } },
              "company": { "displayName": "Acme Heating & Air", "logoUrl": "https://cdn.acme-hvac.example/logo.png", "primaryColor": "#0B5FFF",
                "phone": "+15555550123", "email": "office@acme-hvac.example" },
              "expiresAt": "2026-12-22T15:30:00.000+00:00",
              "stripe": { "publishableKey": "pk_live_51Hx2ZyLkdIwHu7ixVb3X", "accountId": "acct_1Nv0FGQ9RKHgCVdK" } }
            """,
        [typeof(CreateEstimateLinkRequest)] = """{ "proposalIds": ["est-3310", "est-3311"], "expiresInDays": 14 }""",
        [typeof(CreatedEstimateLinkDto)] = """
            { "id": "019aa5f3-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "customerExternalId": "cust-1031",
              "proposals": [ { "id": "019aa0c3-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "externalId": "est-3310" }, { "id": "019aa0c3-6f70-7b8c-9d0e-2f3a4b5c6d7e", "externalId": "est-3311" } ],
              "url": "https://acme-hvac.portal.example.com/estimate?token=est_RXN0aW1hdGUtbGluay1leGFtcGxlLXRva2VuLXZhbHVlLTAx",
              "token": "est_RXN0aW1hdGUtbGluay1leGFtcGxlLXRva2VuLXZhbHVlLTAx",
              "expiresAt": "2026-12-17T15:30:00.000+00:00", "createdAt": "2026-12-03T15:30:00.000+00:00" }
            """,
        [typeof(EstimateLinkDto)] = """
            { "id": "019aa5f3-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "customerId": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "customerExternalId": "cust-1031",
              "proposals": [ { "id": "019aa0c3-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "externalId": "est-3310" } ],
              "status": "active", "expiresAt": "2027-01-02T15:30:00.000+00:00", "createdAt": "2026-12-03T15:30:00.000+00:00", "createdBy": "system",
              "revokedAt": null, "lastViewedAt": "2026-12-04T08:02:11.000+00:00" }
            """,
        [typeof(AdminPaymentDto)] = """
            { "id": "019aa4e2-3d4e-7f50-9a6b-7c8d9e0f1a2b", "status": "succeeded", "amount": { "amount": 18950, "currency": "usd" },
              "method": "card", "channel": "paymentLink", "paymentLinkId": "019aa3d1-2c3d-7e4f-8a5b-6c7d8e9f0a1b",
              "customer": { "id": "019aa0c1-2b3c-7d4e-8f90-a1b2c3d4e5f6", "externalId": "cust-1031", "name": "Thompson Household" },
              "allocations": [ { "invoiceId": "019aa0c2-4d5e-7f60-8a1b-2c3d4e5f6a7b", "invoiceExternalId": "inv-10482", "invoiceNumber": "INV-10482",
                "amount": { "amount": 18950, "currency": "usd" } } ],
              "providerPaymentIntentId": "pi_3QxYz2LkdIwHu7ix0Fq3bNcD", "failure": null, "achAuthorization": null,
              "createdAt": "2026-11-23T07:14:02.000+00:00", "completedAt": "2026-11-23T07:14:05.000+00:00" }
            """,
        [typeof(JobAuditEntryDto)] = """
            { "id": "019aa4e2-4e5f-7a61-8b7c-8d9e0f1a2b3c", "action": "payment.succeeded", "actor": "system", "occurredAt": "2026-11-23T07:14:05.000+00:00",
              "details": { "paymentId": "019aa4e2-3d4e-7f50-9a6b-7c8d9e0f1a2b", "invoiceNumber": "INV-10482", "amount": 18950, "currency": "usd", "method": "card" } }
            """,
        [typeof(ApiProblem)] = """
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Validation failed", "status": 400,
              "detail": "One or more fields are invalid.", "code": "validation_failed",
              "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
              "errors": { "hostName": ["Host names are lowercase: use lowercase letters, digits and hyphens."] } }
            """,
    };

    /// <summary>Items of the lists answered as one complete page (<see cref="CursorPage.Complete{T}(IReadOnlyList{T})"/>).</summary>
    private static readonly HashSet<Type> CompletePages = [typeof(EmailTemplateDto)];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (Examples.TryGetValue(context.Type, out var example) || PaymentExamples.All.TryGetValue(context.Type, out example)
            || ProposalExamples.All.TryGetValue(context.Type, out example) || BookingExamples.All.TryGetValue(context.Type, out example)
            || SchedulingExamples.All.TryGetValue(context.Type, out example) || ReviewExamples.All.TryGetValue(context.Type, out example))
        {
            concrete.Examples = [JsonNode.Parse(example)!, .. (BookingExamples.More.TryGetValue(context.Type, out var more) ? more.Select(m => JsonNode.Parse(m)!) : [])];
        }
        else if (context.Type.IsGenericType && context.Type.GetGenericTypeDefinition() == typeof(CursorPage<>)
            && (Examples.TryGetValue(context.Type.GetGenericArguments()[0], out var item) || PaymentExamples.All.TryGetValue(context.Type.GetGenericArguments()[0], out item)
                || ProposalExamples.All.TryGetValue(context.Type.GetGenericArguments()[0], out item)
                || BookingExamples.All.TryGetValue(context.Type.GetGenericArguments()[0], out item)
                || SchedulingExamples.All.TryGetValue(context.Type.GetGenericArguments()[0], out item)))
        {
            // A page without its own example: one item and the cursor of the next page, or, for the lists bounded by
            // design that answer everything at once, one item and no further page.
            concrete.Examples = CompletePages.Contains(context.Type.GetGenericArguments()[0])
                ? [new JsonObject { ["data"] = new JsonArray(JsonNode.Parse(item)), ["nextCursor"] = null, ["hasMore"] = false }]
                : [new JsonObject { ["data"] = new JsonArray(JsonNode.Parse(item)), ["nextCursor"] = "AZqfLnoQfD6NITtMXW5_gA", ["hasMore"] = true }];
        }
    }
}
