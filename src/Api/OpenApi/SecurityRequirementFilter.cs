using HeadlessPortal.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// Declares the credentials each operation needs, so Swagger UI and generated clients send them. The credentials an
/// operation needs together go in ONE requirement object: several objects would mean any one of them suffices.
/// </summary>
internal sealed class SecurityRequirementFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var requirement = new OpenApiSecurityRequirement();
        void Require(string scheme, params string[] scopes) =>
            requirement[new OpenApiSecuritySchemeReference(scheme, context.Document)] = scopes.ToList();

        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == PlatformKeyAuthenticationHandler.PolicyName))
        {
            Require(PlatformKeyAuthenticationHandler.SchemeName);
        }

        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == PortalBearerAuthenticationHandler.PolicyName))
        {
            Require(SwaggerSetup.PortalUserScheme);
        }

        if (metadata.OfType<RequiredScope>().FirstOrDefault() is { } scope)
        {
            Require(SwaggerSetup.OAuth2Scheme, scope.Scope);
        }

        if (context.ApiDescription.RelativePath?.StartsWith("v1/public", StringComparison.Ordinal) == true
            || context.ApiDescription.RelativePath?.StartsWith("v1/portal", StringComparison.Ordinal) == true)
        {
            Require(SwaggerSetup.PortalKeyScheme);
        }

        if (requirement.Count > 0)
        {
            operation.Security = [requirement];
        }
    }
}
