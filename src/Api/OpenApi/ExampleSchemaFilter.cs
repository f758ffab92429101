using System.Text.Json.Nodes;
using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Api.Errors;
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
