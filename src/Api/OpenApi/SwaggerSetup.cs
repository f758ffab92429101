using System.Reflection;
using HeadlessPortal.Api.Auth;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.ApiClients;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessPortal.Api.OpenApi;

internal static class SwaggerSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/swagger/v1/swagger.json";
    public const string OAuth2Scheme = "OAuth2";
    public const string PortalKeyScheme = "PortalKey";
    public const string PortalUserScheme = "PortalUser";
    public const string PortalUserOAuth2Scheme = "PortalUserOAuth2";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSingleton<ContractLimits>();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "HeadlessPortal API",
                Version = "v1",
                Description = "A multi-tenant, headless customer portal for field-service companies. " +
                    "Errors are RFC 9457 problem documents with a stable `code`; lists use cursor pagination " +
                    "(`?limit=` and `?after=`); money is `{ amount, currency }` in minor units.",
            });
            options.AddSecurityDefinition(PlatformKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = PlatformKeyAuthenticationHandler.HeaderName,
                Description = "The platform operator's key (configuration Platform:ApiKey; dev-platform-key in Development).",
            });
            options.AddSecurityDefinition(OAuth2Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Admin API: an access token from POST /oauth/token (client credentials). In Development the demo client is demo-admin / demo-admin-secret.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/oauth/token", UriKind.Relative),
                        Scopes = Scopes.All.ToDictionary(s => s, s => $"Allows {s.Replace(':', ' ')}."),
                    },
                },
            });
            options.AddSecurityDefinition(PortalKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Portal-Key",
                Description = "Public and portal APIs: a publishable key (pk_...). In Development: pk_demo_local.",
            });
            options.AddSecurityDefinition(PortalUserScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Portal APIs: the accessToken from a portal sign-in (POST /v1/portal/auth/sign-in). In Development: pat@example.com / demo-portal-password.",
            });
            options.AddSecurityDefinition(PortalUserOAuth2Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Portal APIs, instead of PortalUser: a portal user's access token from a front-end app (registered with " +
                    "/v1/admin/oauth-apps) through the authorization code flow with PKCE (S256 only): the hosted sign-in page at " +
                    "/oauth/authorize, then POST /oauth/token with the code and its verifier. Sent as 'Authorization: Bearer' with the " +
                    "publishable key, as a PortalUser token is. In Development Swagger UI is the public app app_demo_swagger_ui " +
                    "(no secret): \"Authorize\" opens the sign-in page; sign in as pat@example.com / demo-portal-password.",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri(TokenServer.AuthorizePath, UriKind.Relative),
                        TokenUrl = new Uri(TokenServer.TokenPath, UriKind.Relative),
                        RefreshUrl = new Uri(TokenServer.TokenPath, UriKind.Relative),
                        Scopes = new Dictionary<string, string>
                        {
                            [OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess] = "Also issue a refresh token, rotated on each use.",
                        },
                    },
                },
            });
            options.OperationFilter<SecurityRequirementFilter>();
            options.OperationFilter<CachedAnswerFilter>();
            options.ParameterFilter<DeclaredParameterFilter>();
            options.SchemaFilter<ExampleSchemaFilter>();
            options.SchemaFilter<NullabilityRequiredSchemaFilter>();
            options.DocumentFilter<ResponseRequiredDocumentFilter>();
            options.OperationFilter<ProblemExamplesOperationFilter>();
            options.OperationFilter<BinaryContentOperationFilter>();
            options.SchemaFilter<LimitsSchemaFilter>();
            options.DocumentFilter<WebhookEventsDocumentFilter>();
            options.DocumentFilter<SecuritySchemeNotesFilter>();
            options.DocumentFilter<LimitsDocumentFilter>();
            options.CustomSchemaIds(SchemaId);
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            foreach (var assembly in new[] { typeof(SwaggerSetup).Assembly, typeof(CursorPage<>).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml))
                {
                    options.IncludeXmlComments(xml, includeControllerXmlComments: true);
                }
            }
        });
        return services;
    }

    /// <summary>Schema names a client generator turns into good type names: "Tenant", "TenantPage", "CreateTenantRequest".</summary>
    internal static string SchemaId(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CursorPage<>))
        {
            return SchemaId(type.GetGenericArguments()[0]) + "Page";
        }

        var name = type.Name;
        if (name.EndsWith("Dto", StringComparison.Ordinal))
        {
            return name[..^3];
        }

        return name.EndsWith("Command", StringComparison.Ordinal) ? name[..^"Command".Length] + "Request" : name;
    }
}
