using System.Buffers.Binary;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Billing;

/// <summary>What the customer decided.</summary>
public enum ProposalOutcome
{
    Accepted,
    Declined,
}

/// <summary>Where the customer decided: signed in to the portal, or through an estimate link without an account.</summary>
public enum DecisionChannel
{
    Portal,
    Link,
}

/// <summary>How an acceptance was signed.</summary>
public enum SignatureType
{
    /// <summary>The signer typed their name.</summary>
    Typed,

    /// <summary>The signer drew a signature (kept as a PNG) and gave their name.</summary>
    Drawn,
}

/// <summary>The stable codes of the decision rules.</summary>
public static class ProposalDecisionRules
{
    public const string AlreadyDecided = "proposal_already_decided";
    public const string Expired = "proposal_expired";
    public const string Changed = "proposal_changed";
    public const string UnknownOption = "unknown_option";
    public const string InvalidSignature = "invalid_signature";
    public const string EvidenceIncomplete = "evidence_incomplete";
    public const int ReasonMaxLength = 2000;
    public const int SignerNameMaxLength = 200;
    public const int ConsentTextMaxLength = 4000;
    public const int ConsentVersionMaxLength = 50;
    public const int IpAddressMaxLength = 64;
    public const int UserAgentMaxLength = 512;
    public const int Sha256HexLength = 64;
}

/// <summary>
/// A signature: a typed name, or a drawn signature as a PNG with the signer's name. A drawn signature is checked for
/// real: the bytes start with the PNG signature, the first chunk is a well-formed IHDR with bounded dimensions, and
/// the file is bounded in size.
/// </summary>
public sealed record ProposalSignature
{
    public const int MaxPngBytes = 200 * 1024;
    public const int MaxWidth = 2000;
    public const int MaxHeight = 1000;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private ProposalSignature(SignatureType type, string name, byte[]? png)
    {
        Type = type;
        Name = name;
        Png = png;
    }

    public SignatureType Type { get; }

    public string Name { get; }

    /// <summary>The drawn signature; null when typed.</summary>
    public byte[]? Png { get; }

    public static ProposalSignature Typed(string? name) => new(SignatureType.Typed, SignerName(name), null);

    public static ProposalSignature Drawn(string? name, byte[]? png)
    {
        var signer = SignerName(name);
        if (png is null || !IsAcceptablePng(png))
        {
            throw new DomainException(
                ProposalDecisionRules.InvalidSignature,
                $"A drawn signature is a PNG image of at most {MaxPngBytes / 1024} KB and {MaxWidth}×{MaxHeight} pixels.");
        }

        return new ProposalSignature(SignatureType.Drawn, signer, png);
    }

    /// <summary>For a stored signature: no checks again.</summary>
    public static ProposalSignature Restore(SignatureType type, string name, byte[]? png) => new(type, name, png);

    /// <summary>Whether the bytes are a PNG within the bounds: signature, IHDR chunk first (length 13), width and height 1..max, size bounded.</summary>
    public static bool IsAcceptablePng(ReadOnlySpan<byte> bytes)
    {
        // 8 signature + 4 length + 4 "IHDR" + 13 data + 4 CRC, then at least IEND (12).
        if (bytes.Length is < 8 + 25 + 12 or > MaxPngBytes || !bytes[..8].SequenceEqual(PngMagic))
        {
            return false;
        }

        var ihdr = bytes[8..];
        if (BinaryPrimitives.ReadUInt32BigEndian(ihdr) != 13 || !ihdr[4..8].SequenceEqual("IHDR"u8))
        {
            return false;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr[8..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[12..]);
        var crc = BinaryPrimitives.ReadUInt32BigEndian(ihdr[21..]);
        return width is >= 1 and <= MaxWidth && height is >= 1 and <= MaxHeight && crc == Crc32(ihdr[4..21])
            && bytes[^8..^4].SequenceEqual("IEND"u8);
    }

    private static string SignerName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ProposalDecisionRules.EvidenceIncomplete, "The signer's name is required.");
        }

        var trimmed = name.Trim();
        return trimmed.Length <= ProposalDecisionRules.SignerNameMaxLength
            ? trimmed
            : throw new DomainException("too_long", $"The signer's name has at most {ProposalDecisionRules.SignerNameMaxLength} characters.");
    }

    // The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320).
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}

/// <summary>The consent the signer agreed to: its text and version, as shown.</summary>
public sealed record ProposalConsent(string Text, string Version);

/// <summary>Who decided and through what: the portal (with the signed-in user) or an estimate link (with its id), from which address and browser.</summary>
public sealed record DecisionOrigin(DecisionChannel Channel, Guid? PortalUserId, Guid? EstimateLinkId, string IpAddress, string UserAgent)
{
    public static DecisionOrigin Portal(Guid? portalUserId, string ipAddress, string userAgent) => new(DecisionChannel.Portal, portalUserId, null, ipAddress, userAgent);

    public static DecisionOrigin Link(Guid estimateLinkId, string ipAddress, string userAgent) => new(DecisionChannel.Link, null, estimateLinkId, ipAddress, userAgent);
}

/// <summary>The Idempotency-Key a decision was made with, its scope (the user or link) and a hash of the request, so a replay gets the first answer.</summary>
public sealed record DecisionIdempotency(string Scope, string Key, string RequestHash)
{
    public const int ScopeMaxLength = 100;
    public const int KeyMaxLength = 255;
}

/// <summary>
/// The customer's decision on a proposal, with its evidence. One per proposal: the store holds a unique index on
/// <see cref="ProposalId"/>, so of concurrent decisions exactly one is saved. Its <see cref="Id"/> is the evidence's reference.
/// </summary>
public sealed class ProposalDecision : ITenantOwned
{
    private ProposalDecision()
    {
    }

    public Guid Id { get; private set; }

    public TenantId TenantId { get; private set; }

    public Guid ProposalId { get; private set; }

    public ProposalOutcome Outcome { get; private set; }

    public DecisionChannel Channel { get; private set; }

    public Guid? PortalUserId { get; private set; }

    public Guid? EstimateLinkId { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    public string IpAddress { get; private set; } = null!;

    public string UserAgent { get; private set; } = null!;

    /// <summary>The chosen option's id; null for a decline.</summary>
    public string? OptionId { get; private set; }

    public SignatureType? SignatureType { get; private set; }

    public string? SignerName { get; private set; }

    public byte[]? SignaturePng { get; private set; }

    public string? ConsentText { get; private set; }

    public string? ConsentVersion { get; private set; }

    /// <summary>SHA-256 (lower-case hex) of the document version the customer was shown.</summary>
    public string? DocumentSha256 { get; private set; }

    public string? DeclineReason { get; private set; }

    public string? IdempotencyScope { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public string? RequestHash { get; private set; }

    public ProposalSignature? Signature =>
        SignatureType is { } type ? ProposalSignature.Restore(type, SignerName!, SignaturePng) : null;

    internal static ProposalDecision Accepted(Guid id, TenantId tenantId, Guid proposalId, string optionId, ProposalSignature signature, ProposalConsent consent,
        DecisionOrigin origin, string documentSha256, DecisionIdempotency? idempotency, DateTimeOffset now)
    {
        if (signature is null || consent is null || string.IsNullOrWhiteSpace(consent.Text) || string.IsNullOrWhiteSpace(consent.Version)
            || consent.Text.Length > ProposalDecisionRules.ConsentTextMaxLength || consent.Version.Length > ProposalDecisionRules.ConsentVersionMaxLength)
        {
            throw new DomainException(ProposalDecisionRules.EvidenceIncomplete, "An acceptance records the signature and the consent text with its version.");
        }

        if (documentSha256 is not { Length: ProposalDecisionRules.Sha256HexLength } || !documentSha256.All(char.IsAsciiHexDigitLower))
        {
            throw new DomainException(ProposalDecisionRules.EvidenceIncomplete, "An acceptance records the SHA-256 (lower-case hex) of the document shown.");
        }

        var decision = New(id, tenantId, proposalId, ProposalOutcome.Accepted, origin, idempotency, now);
        decision.OptionId = optionId;
        decision.SignatureType = signature.Type;
        decision.SignerName = signature.Name;
        decision.SignaturePng = signature.Png;
        decision.ConsentText = consent.Text;
        decision.ConsentVersion = consent.Version;
        decision.DocumentSha256 = documentSha256;
        return decision;
    }

    internal static ProposalDecision Declined(Guid id, TenantId tenantId, Guid proposalId, string? reason, DecisionOrigin origin, DecisionIdempotency? idempotency, DateTimeOffset now)
    {
        if (reason is { Length: > ProposalDecisionRules.ReasonMaxLength })
        {
            throw new DomainException("too_long", $"A reason has at most {ProposalDecisionRules.ReasonMaxLength} characters.");
        }

        var decision = New(id, tenantId, proposalId, ProposalOutcome.Declined, origin, idempotency, now);
        decision.DeclineReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return decision;
    }

    private static ProposalDecision New(Guid id, TenantId tenantId, Guid proposalId, ProposalOutcome outcome, DecisionOrigin origin, DecisionIdempotency? idempotency, DateTimeOffset now)
    {
        if (origin is null || string.IsNullOrWhiteSpace(origin.IpAddress) || string.IsNullOrWhiteSpace(origin.UserAgent)
            || (origin.Channel == DecisionChannel.Link && origin.EstimateLinkId is null))
        {
            throw new DomainException(ProposalDecisionRules.EvidenceIncomplete, "A decision records the address, the browser and the link it came through.");
        }

        return new ProposalDecision
        {
            Id = id,
            TenantId = tenantId,
            ProposalId = proposalId,
            Outcome = outcome,
            Channel = origin.Channel,
            PortalUserId = origin.Channel == DecisionChannel.Portal ? origin.PortalUserId : null,
            EstimateLinkId = origin.EstimateLinkId,
            IpAddress = Truncate(origin.IpAddress, ProposalDecisionRules.IpAddressMaxLength),
            UserAgent = Truncate(origin.UserAgent, ProposalDecisionRules.UserAgentMaxLength),
            DecidedAt = now,
            IdempotencyScope = idempotency?.Scope,
            IdempotencyKey = idempotency?.Key,
            RequestHash = idempotency?.RequestHash,
        };
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
