namespace HeadlessPortal.Application.Documents;

/// <summary>A document's content, to stream back.</summary>
public sealed record DocumentContent(Stream Content, string ContentType, string FileName, string Sha256);
