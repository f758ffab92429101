using HeadlessPortal.Infrastructure.Auth;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// The token issuer, which tokens name and discovery advertises (with the token and key addresses under it): Auth:Issuer,
/// or, in Development only, the base URL of the request. Outside Development it must be configured, because a base
/// URL taken from the request is whatever Host header the caller sends.
/// </summary>
internal static class Issuer
{
    public const string Key = AuthOptions.SectionName + ":" + nameof(AuthOptions.Issuer);

    public static string From(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<AuthOptions>().Issuer ?? $"{request.Scheme}://{request.Host}";
}

/// <summary>Reads Auth:Issuer as an absolute http(s) URL without a trailing slash (empty is unset), and requires it outside Development.</summary>
internal sealed class IssuerSettings(IHostEnvironment environment) : IPostConfigureOptions<AuthOptions>, IValidateOptions<AuthOptions>
{
    public void PostConfigure(string? name, AuthOptions options) =>
        options.Issuer = string.IsNullOrWhiteSpace(options.Issuer) ? null : options.Issuer.Trim().TrimEnd('/');

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.Issuer is null)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{Issuer.Key} must be set in {environment.EnvironmentName} (every environment but Development) to the API's public base URL, " +
                    $"such as https://api.example.com (environment variable Auth__Issuer): tokens and discovery name it, and without it they would name " +
                    "whatever Host header a request sends.");
        }

        return Uri.TryCreate(options.Issuer, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{Issuer.Key} is \"{options.Issuer}\" in {environment.EnvironmentName}, which is not the API's base URL: give an absolute http or https URL such as https://api.example.com.");
    }
}
