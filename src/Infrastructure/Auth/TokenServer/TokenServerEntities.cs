using HeadlessPortal.Domain.Common;
using OpenIddict.EntityFrameworkCore.Models;

namespace HeadlessPortal.Infrastructure.Auth.TokenServer;

// The token server's own records (OpenIddict's entities with UUID keys). They span tenants: the token endpoint names no
// tenant, and each client belongs to one tenant through the record it mirrors (see ClientRegistry).

/// <summary>A client as the token server sees it: a copy of an API client (or front-end app), refreshed at each lookup.</summary>
public sealed class TokenServerApplication : OpenIddictEntityFrameworkCoreApplication<Guid, TokenServerAuthorization, TokenServerToken>, IPlatformScoped;

/// <summary>A grant of a user to an app; ties together the codes and refresh tokens of one sign-in.</summary>
public sealed class TokenServerAuthorization : OpenIddictEntityFrameworkCoreAuthorization<Guid, TokenServerApplication, TokenServerToken>, IPlatformScoped;

/// <summary>A scope record (unused: our scopes are registered in code).</summary>
public sealed class TokenServerScope : OpenIddictEntityFrameworkCoreScope<Guid>, IPlatformScoped;

/// <summary>A token the server issued: authorization codes and refresh tokens are checked against these on redemption.</summary>
public sealed class TokenServerToken : OpenIddictEntityFrameworkCoreToken<Guid, TokenServerApplication, TokenServerAuthorization>, IPlatformScoped;
