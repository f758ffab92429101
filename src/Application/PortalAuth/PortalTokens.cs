namespace HeadlessPortal.Application.PortalAuth;

/// <summary>The answer of every sign-in: a short-lived access token and a refresh token that is replaced on each use.</summary>
/// <param name="AccessToken">JWT for Authorization: Bearer; 15 minutes.</param>
/// <param name="RefreshToken">Opaque; exchange it at POST /v1/portal/auth/refresh for a new pair. Single use.</param>
/// <param name="TokenType">Always Bearer.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record PortalTokens(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);
