using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HeadlessPortal.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using HeadlessPortal.Application.Common.Settings;

namespace HeadlessPortal.Api.Auth;

/// <summary>Configuration section "Platform".</summary>
public sealed class PlatformOptions : ISelfCheckingOptions
{
    public const string SectionName = "Platform";
    public const int MinimumKeyLength = 16;

    /// <summary>The operator's key, sent in the X-Platform-Key header. Required; never committed outside Development settings.</summary>
    public string? ApiKey { get; set; }

    /// <inheritdoc />
    public string? Problem() =>
        string.IsNullOrWhiteSpace(ApiKey) || ApiKey.Length < MinimumKeyLength
            ? $"Platform:ApiKey must be set to a secret of at least {MinimumKeyLength} characters " +
              "(environment variable Platform__ApiKey). Only the Development environment has a default."
            : null;
}

/// <summary>Authenticates the platform operator by the X-Platform-Key header.</summary>
internal sealed class PlatformKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<PlatformOptions> platform,
    HeadlessPortal.Infrastructure.Services.CurrentActor currentActor,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlatformKey";
    public const string HeaderName = "X-Platform-Key";
    public const string PolicyName = "Platform";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var supplied) || string.IsNullOrEmpty(supplied))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!KeysMatch(supplied.ToString(), platform.Value.ApiKey))
        {
            return Task.FromResult(AuthenticateResult.Fail("The platform key is not valid."));
        }

        currentActor.Set(HeadlessPortal.Infrastructure.Services.CurrentActor.Platform);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "platform-operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Detail = $"Send a valid platform key in the {HeaderName} header.",
                Extensions = { [ProblemDetailsSetup.CodeKey] = ProblemCodes.Unauthenticated },
            },
        });
    }

    // Hashing first gives both sides one length, so the comparison time says nothing about the key.
    internal static bool KeysMatch(string supplied, string? expected) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(supplied)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
