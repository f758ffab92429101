using System.Text;
using System.Text.Json;
using HeadlessPortal.Api.Endpoints;
using HeadlessPortal.Application.Auth.ResolveClientGrant;

namespace HeadlessPortal.Api.Auth;

/// <summary>
/// Refuses malformed requests to the token server's endpoints before the token server reads them: RFC 6749 lets a
/// parameter appear at most once (section 3.2), and no value of ours holds a control character (the scope-token,
/// client_id and client_secret grammars of appendix A exclude them), in the form or in HTTP Basic credentials. A form
/// the reader refuses (a NUL byte in a name, too many fields) gets the same invalid_request, never a 500.
/// </summary>
internal sealed class TokenRequestGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.Equals(TokenServer.TokenPath, StringComparison.Ordinal) || !http.Request.HasFormContentType)
        {
            await next(http);
            return;
        }

        string? problem;
        try
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            problem = Malformed(form) ?? MalformedBasic(http.Request);
            if (problem is null && form["grant_type"] == "client_credentials" && string.IsNullOrEmpty(form["client_id"])
                && !http.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                // A client-credentials request that names no client at all fails client authentication (RFC 6749 5.2).
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteAsync(http, StatusCodes.Status401Unauthorized, OAuthErrors.InvalidClient, "Client authentication failed: send the client id and secret.");
                return;
            }
        }
        catch (InvalidDataException)
        {
            problem = "The form could not be read: a name or value holds a NUL byte, or the form is larger than allowed.";
        }

        if (problem is null)
        {
            await next(http);
            return;
        }

        await WriteAsync(http, StatusCodes.Status400BadRequest, OAuthErrors.InvalidRequest, problem);
    }

    private static async Task WriteAsync(HttpContext http, int status, string error, string description)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        await http.Response.WriteAsJsonAsync(new OAuthErrorResponse(error, description), JsonSerializerOptions.Web, http.RequestAborted);
    }

    private static string? Malformed(IFormCollection form)
    {
        foreach (var (name, values) in form)
        {
            if (HasControlCharacter(name))
            {
                return "A parameter name contains control characters.";
            }

            if (values.Count > 1)
            {
                return $"{name} is given more than once.";
            }

            if (HasControlCharacter(values.ToString()))
            {
                return $"{name} contains control characters.";
            }
        }

        return null;
    }

    private static string? MalformedBasic(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));

            // RFC 6749 section 2.3.1: both parts are form-urlencoded before being joined.
            return HasControlCharacter(Uri.UnescapeDataString(decoded.Replace('+', ' '))) ? "The client credentials contain control characters." : null;
        }
        catch (FormatException)
        {
            return "The HTTP Basic credentials are not base64.";
        }
    }

    private static bool HasControlCharacter(string value) => value.Any(char.IsControl);
}
