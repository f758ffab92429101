using HeadlessPortal.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>
/// Declares the credentials each operation needs, so Swagger UI and generated clients send them. The credentials an
/// operation needs together go in ONE requirement object; several objects are alternatives, any one of which suffices.
/// The only alternatives are the portal user's two ways to a token: a portal sign-in (PortalUser) or a front-end app's
/// authorization code flow (PortalUserOAuth2), each with the publishable key.
/// </summary>
internal sealed class SecurityRequirementFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var schemes = new List<(string Scheme, string[] Scopes)>();

        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == PlatformKeyAuthenticationHandler.PolicyName))
        {
            schemes.Add((PlatformKeyAuthenticationHandler.SchemeName, []));
        }

        if (metadata.OfType<RequiredScope>().FirstOrDefault() is { } scope)
        {
            schemes.Add((SwaggerSetup.OAuth2Scheme, [scope.Scope]));
        }

        if (context.ApiDescription.RelativePath?.StartsWith("v1/public", StringComparison.Ordinal) == true
            || context.ApiDescription.RelativePath?.StartsWith("v1/portal", StringComparison.Ordinal) == true)
        {
            schemes.Add((SwaggerSetup.PortalKeyScheme, []));
        }

        string?[] userSchemes = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == PortalBearerAuthenticationHandler.PolicyName)
            ? [SwaggerSetup.PortalUserScheme, SwaggerSetup.PortalUserOAuth2Scheme]
            : [null];
        if (schemes.Count == 0 && userSchemes[0] is null)
        {
            return;
        }

        operation.Security = [.. userSchemes.Select(user =>
        {
            var requirement = new OpenApiSecurityRequirement();
            foreach (var (name, scopes) in user is null ? schemes : [.. schemes, (user, [])])
            {
                requirement[new OpenApiSecuritySchemeReference(name, context.Document)] = scopes.ToList();
            }

            return requirement;
        })];
    }
}
