namespace HeadlessPortal.Domain.Common;

/// <summary>Shared limits for tenant-owned records named by the back office.</summary>
public static class Limits
{
    public const int ExternalIdMaxLength = 100;
    public const int NameMaxLength = 200;
}
