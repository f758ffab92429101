using HeadlessPortal.Domain.Common;

namespace HeadlessPortal.Domain.Tenants;

/// <summary>Identifies a tenant: a UUIDv7, so ids sort by creation time.</summary>
public readonly record struct TenantId(Guid Value) : IComparable<TenantId>
{
    public static TenantId New() => new(UuidV7.NewGuid());

    public int CompareTo(TenantId other) => Value.CompareTo(other.Value);

    public static bool operator >(TenantId left, TenantId right) => left.CompareTo(right) > 0;

    public static bool operator <(TenantId left, TenantId right) => left.CompareTo(right) < 0;

    public static bool operator >=(TenantId left, TenantId right) => left.CompareTo(right) >= 0;

    public static bool operator <=(TenantId left, TenantId right) => left.CompareTo(right) <= 0;

    public override string ToString() => Value.ToString();
}
