using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Application.Tenants;

/// <summary>Configuration section "Tenancy".</summary>
public sealed class TenancyOptions
{
    public const string SectionName = "Tenancy";

    /// <summary>Host names no tenant may take. When set, replaces <see cref="HostName.DefaultReserved"/>.</summary>
    public string[]? ReservedHostNames { get; set; }

    public IReadOnlyCollection<string> EffectiveReservedHostNames =>
        ReservedHostNames is { Length: > 0 } configured
            ? configured.Select(n => n.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)
            : HostName.DefaultReserved.ToHashSet(StringComparer.Ordinal);
}
