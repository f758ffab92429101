using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

/// <summary>Says how the JWT access tokens of the OAuth2 and portal user schemes are made and checked.</summary>
internal sealed class SecuritySchemeNotesFilter : IDocumentFilter
{
    /// <summary>What the token server issues (src/Api/Auth/TokenServer.cs) and AccessTokenValidator accepts (src/Infrastructure/Auth/AccessTokens.cs).</summary>
    public const string JwtPractices = " Access tokens are JWTs following RFC8725 (JSON Web Token Best Current Practices): signed with ES256 only, " +
        "typ at+jwt, and checked for that algorithm and type, issuer, audience and expiry; they expire after expires_in seconds.";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var name in new[] { SwaggerSetup.OAuth2Scheme, SwaggerSetup.PortalUserScheme, SwaggerSetup.PortalUserOAuth2Scheme })
        {
            if (document.Components?.SecuritySchemes?.TryGetValue(name, out var found) == true && found is OpenApiSecurityScheme scheme
                && scheme.Description?.Contains("RFC8725", StringComparison.Ordinal) != true)
            {
                scheme.Description += JwtPractices;
            }
        }
    }
}
