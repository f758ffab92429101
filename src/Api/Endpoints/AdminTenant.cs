using HeadlessPortal.Application.Common.Interfaces;

namespace HeadlessPortal.Api.Endpoints;

/// <summary>The tenant an Admin API request acts for.</summary>
internal static class AdminTenant
{
    /// <summary>The caller's tenant; an Admin API endpoint without one lacks its authorization, which is a bug, not a request error.</summary>
    public static Guid AdminTenantId(this ICurrentTenant tenant) =>
        tenant.Id?.Value ?? throw new InvalidOperationException("An Admin API endpoint ran without a tenant; its authorization is missing.");
}
