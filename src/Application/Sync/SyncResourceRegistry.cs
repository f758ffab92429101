namespace HeadlessPortal.Application.Sync;

/// <summary>The synced resources by URL name and by import type.</summary>
public sealed class SyncResourceRegistry(IEnumerable<ISyncResource> resources)
{
    private readonly Dictionary<string, ISyncResource> _byName = resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, ISyncResource> _byImportType = resources.ToDictionary(r => r.ImportType, StringComparer.Ordinal);

    public IReadOnlyCollection<ISyncResource> All => _byName.Values;

    public ISyncResource ByName(string name) => _byName[name];

    public ISyncResource? ByImportType(string type) => _byImportType.GetValueOrDefault(type);
}
