using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Documents;

public enum DocumentKind
{
    Photo,
    Form,
    Document,
}

/// <summary>A stored file's facts: where it is, what it is, and its SHA-256.</summary>
public sealed record StoredContent(string StorageKey, string ContentType, long Size, string Sha256)
{
    public const int StorageKeyMaxLength = 300;
    public const int ContentTypeMaxLength = 100;
}

/// <summary>
/// A file attached to a job (a photo, a signed form, a PDF). Customers see it only when it is shared;
/// the content itself lives in file storage, addressed by its SHA-256.
/// </summary>
public sealed class Document : SyncedEntity
{
    public const int TitleMaxLength = 200;
    public const int FileNameMaxLength = 255;

    /// <summary>The SHA-256 of the content in hex.</summary>
    public const int Sha256Length = 64;

    private Guid _jobId;
    private string _jobExternalId = null!;
    private DocumentKind _kind;
    private bool _shared;
    private string? _title;
    private string _fileName = null!;
    private string _storageKey = null!;
    private string _contentType = null!;
    private long _size;
    private string _sha256 = null!;

    private Document()
    {
    }

    private Document(TenantId tenantId, string externalId, DateTimeOffset now)
        : base(tenantId, externalId, now)
    {
    }

    public Ref Job => new(_jobId, _jobExternalId);

    public Guid JobId => _jobId;

    public string JobExternalId => _jobExternalId;

    public DocumentKind Kind => _kind;

    /// <summary>Whether customers may see it.</summary>
    public bool Shared => _shared;

    public string? Title => _title;

    public string FileName => _fileName;

    public string StorageKey => _storageKey;

    public string ContentType => _contentType;

    public long Size => _size;

    /// <summary>Lowercase hex SHA-256 of the content.</summary>
    public string Sha256 => _sha256;

    public static Document Create(TenantId tenantId, string externalId, Ref job, DocumentKind kind, bool shared, string? title, string fileName, StoredContent content, DateTimeOffset now)
    {
        var document = new Document(tenantId, externalId, now);
        document.Update(job, kind, shared, title, fileName, content, now);
        return document;
    }

    public bool Update(Ref job, DocumentKind kind, bool shared, string? title, string fileName, StoredContent content, DateTimeOffset now)
    {
        if (title is { Length: > TitleMaxLength })
        {
            throw new DomainException("too_long", $"A title has at most {TitleMaxLength} characters.");
        }

        var changed = SetRef(job, ref _jobId, ref _jobExternalId);
        changed |= Set(ref _kind, kind);
        changed |= Set(ref _shared, shared);
        changed |= Set(ref _title, string.IsNullOrWhiteSpace(title) ? null : title.Trim());
        changed |= Set(ref _fileName, Guard.Required(fileName, "File name", FileNameMaxLength));
        changed |= Set(ref _storageKey, content.StorageKey);
        changed |= Set(ref _contentType, content.ContentType);
        changed |= Set(ref _size, content.Size);
        changed |= Set(ref _sha256, content.Sha256);
        return Stamp(changed, now);
    }
}
