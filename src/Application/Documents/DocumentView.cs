using HeadlessPortal.Domain.Documents;

namespace HeadlessPortal.Application.Documents;

/// <summary>A document as the office sees it.</summary>
/// <param name="Id">Our id.</param>
/// <param name="ExternalId">The back office's id.</param>
/// <param name="JobId">The job's external id.</param>
/// <param name="Kind">photo, form or document.</param>
/// <param name="Shared">Whether customers may see it.</param>
/// <param name="Title">A caption.</param>
/// <param name="FileName">The original file name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the content.</param>
/// <param name="CreatedAt">When first stored.</param>
/// <param name="UpdatedAt">When last changed.</param>
/// <param name="DeletedAt">When removed, if it was.</param>
public sealed record DocumentView(Guid Id, string ExternalId, string JobId, DocumentKind Kind, bool Shared, string? Title, string FileName, string ContentType, long Size, string Sha256,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static DocumentView From(Document d) => new(d.Id, d.ExternalId, d.JobExternalId, d.Kind, d.Shared, d.Title, d.FileName, d.ContentType, d.Size, d.Sha256,
        d.CreatedAt, d.UpdatedAt, d.DeletedAt);
}
