namespace HeadlessPortal.Application.Auth;

/// <summary>A signed access token and its lifetime.</summary>
public sealed record IssuedToken(string Token, int ExpiresInSeconds);
