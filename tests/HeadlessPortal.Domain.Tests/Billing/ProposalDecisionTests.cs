using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Billing;

public sealed class ProposalDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly string Sha = new('a', 64);
    private static readonly ProposalConsent Consent = new("I accept this estimate and its terms.", "2026-12");
    private static readonly DecisionOrigin Origin = DecisionOrigin.Portal(Guid.NewGuid(), "203.0.113.9", "Mozilla/5.0");

    private static ProposalOption Option(string name, long total, string? id = null, bool recommended = false) =>
        new(name, null, [new LineItem(name, 1, total, total)], total, id, recommended);

    private static Proposal Create(ProposalStatus status = ProposalStatus.Open, DateOnly? expiresOn = null, params ProposalOption[] options) =>
        Proposal.Create(TenantId.New(), "p1", "EST-1", new Ref(Guid.NewGuid(), "c1"), null, null, status, null, null, "usd",
            options.Length > 0 ? options : [Option("Good", 100), Option("Better", 200, recommended: true), Option("Best", 300, id: "best")], Now, expiresOn, "Net 30.");

    private static byte[] Png(int width, int height, int extraBytes = 0) => HeadlessPortal.TestSupport.TestPng.Create(width, height, extraBytes);

    [Fact]
    public void Create_GivesOptionsWithoutIdTheirPositionAndKeepsTheRecommendedOne()
    {
        var proposal = Create();
        Assert.Equal(["1", "2", "best"], proposal.Options.Select(o => o.Id));
        Assert.Equal("Better", proposal.RecommendedOption!.Name);
        Assert.Equal("Net 30.", proposal.Terms);
    }

    [Fact]
    public void Create_WithDuplicateOptionIdsOrTwoRecommended_Throws()
    {
        Assert.Equal("duplicate_option_id", Assert.Throws<DomainException>(() => Create(ProposalStatus.Open, null, Option("A", 1, "x"), Option("B", 2, "x"))).Code);
        Assert.Equal("duplicate_option_id", Assert.Throws<DomainException>(() => Create(ProposalStatus.Open, null, Option("A", 1, "2"), Option("B", 2))).Code);
        Assert.Equal("several_recommended_options", Assert.Throws<DomainException>(() =>
            Create(ProposalStatus.Open, null, Option("A", 1, recommended: true), Option("B", 2, recommended: true))).Code);
    }

    [Fact]
    public void Create_WithTermsTooLong_Throws() =>
        Assert.Equal("too_long", Assert.Throws<DomainException>(() =>
            Proposal.Create(TenantId.New(), "p1", "EST-1", new Ref(Guid.NewGuid(), "c1"), null, null, ProposalStatus.Open, null, null, "usd",
                [Option("A", 1)], Now, null, new string('t', Proposal.TermsMaxLength + 1))).Code);

    [Fact]
    public void Accept_WithTypedSignature_RecordsTheEvidenceAndTheProposalReadsAccepted()
    {
        var proposal = Create();
        var decision = proposal.Accept(Guid.NewGuid(), "best", ProposalSignature.Typed("  Pat Thompson "), Consent, Origin, Sha, null, Now, Chicago);

        Assert.Same(decision, proposal.Decision);
        Assert.Equal(ProposalOutcome.Accepted, decision.Outcome);
        Assert.Equal("best", decision.OptionId);
        Assert.Equal("Pat Thompson", decision.SignerName);
        Assert.Equal(SignatureType.Typed, decision.SignatureType);
        Assert.Null(decision.SignaturePng);
        Assert.Equal(Consent.Text, decision.ConsentText);
        Assert.Equal("2026-12", decision.ConsentVersion);
        Assert.Equal("203.0.113.9", decision.IpAddress);
        Assert.Equal("Mozilla/5.0", decision.UserAgent);
        Assert.Equal(Sha, decision.DocumentSha256);
        Assert.Equal(DecisionChannel.Portal, decision.Channel);
        Assert.Equal(Origin.PortalUserId, decision.PortalUserId);
        Assert.Equal(Now, decision.DecidedAt);
        Assert.Equal(ProposalStatus.Accepted, proposal.EffectiveStatus(Now, Chicago));
        Assert.Equal(ProposalStatus.Open, proposal.Status);
    }

    [Fact]
    public void Accept_Twice_OrAfterADecline_IsAlreadyDecided()
    {
        var proposal = Create();
        proposal.Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), Consent, Origin, Sha, null, Now, Chicago);
        Assert.Equal(ProposalDecisionRules.AlreadyDecided, Assert.Throws<DomainException>(() =>
            proposal.Accept(Guid.NewGuid(), "2", ProposalSignature.Typed("Pat"), Consent, Origin, Sha, null, Now, Chicago)).Code);
        Assert.Equal(ProposalDecisionRules.AlreadyDecided, Assert.Throws<DomainException>(() => proposal.Decline(Guid.NewGuid(), null, Origin, null, Now, Chicago)).Code);

        var declined = Create();
        declined.Decline(Guid.NewGuid(), "Too expensive", Origin, null, Now, Chicago);
        Assert.Equal(ProposalStatus.Declined, declined.EffectiveStatus(Now, Chicago));
        Assert.Equal("Too expensive", declined.Decision!.DeclineReason);
        var ex = Assert.Throws<DomainException>(() => declined.Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), Consent, Origin, Sha, null, Now, Chicago));
        Assert.Equal(ProposalDecisionRules.AlreadyDecided, ex.Code);
        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
    }

    [Theory]
    [InlineData(ProposalStatus.Accepted, ProposalDecisionRules.AlreadyDecided)]
    [InlineData(ProposalStatus.Declined, ProposalDecisionRules.AlreadyDecided)]
    [InlineData(ProposalStatus.Expired, ProposalDecisionRules.Expired)]
    public void Accept_WhenTheBackOfficeSaysItIsNotOpen_IsRefused(ProposalStatus status, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() =>
            Create(status).Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), Consent, Origin, Sha, null, Now, Chicago)).Code);

    [Fact]
    public void Expiry_IsTheEndOfTheLastDayInTheCompanysZone()
    {
        // 2026-12-03 in Chicago ends at 2026-12-04T06:00Z.
        var proposal = Create(expiresOn: new DateOnly(2026, 12, 3));
        var lastMoment = new DateTimeOffset(2026, 12, 4, 5, 59, 59, TimeSpan.Zero);
        Assert.Null(proposal.WhyNotDecidable(lastMoment, Chicago));
        Assert.Equal(ProposalStatus.Open, proposal.EffectiveStatus(lastMoment, Chicago));
        var after = new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(ProposalDecisionRules.Expired, proposal.WhyNotDecidable(after, Chicago));
        Assert.Equal(ProposalStatus.Expired, proposal.EffectiveStatus(after, Chicago));
        Assert.Equal(ProposalDecisionRules.Expired, Assert.Throws<DomainException>(() => proposal.Decline(Guid.NewGuid(), null, Origin, null, after, Chicago)).Code);

        // In UTC the same day ended six hours earlier.
        Assert.Equal(ProposalDecisionRules.Expired, proposal.WhyNotDecidable(lastMoment, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("Best")]
    public void Accept_AnOptionThatDoesNotExist_IsRefused(string optionId) =>
        Assert.Equal(ProposalDecisionRules.UnknownOption, Assert.Throws<DomainException>(() =>
            Create().Accept(Guid.NewGuid(), optionId, ProposalSignature.Typed("Pat"), Consent, Origin, Sha, null, Now, Chicago)).Code);

    [Fact]
    public void Accept_WithIncompleteEvidence_IsRefusedAndRecordsNothing()
    {
        var proposal = Create();
        Assert.Equal(ProposalDecisionRules.EvidenceIncomplete, Assert.Throws<DomainException>(() => ProposalSignature.Typed(" ")).Code);
        Assert.Equal(ProposalDecisionRules.EvidenceIncomplete, Assert.Throws<DomainException>(() =>
            proposal.Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), new ProposalConsent("", "v1"), Origin, Sha, null, Now, Chicago)).Code);
        Assert.Equal(ProposalDecisionRules.EvidenceIncomplete, Assert.Throws<DomainException>(() =>
            proposal.Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), new ProposalConsent("I accept", " "), Origin, Sha, null, Now, Chicago)).Code);
        Assert.Equal(ProposalDecisionRules.EvidenceIncomplete, Assert.Throws<DomainException>(() =>
            proposal.Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), Consent, Origin, "not-a-hash", null, Now, Chicago)).Code);
        Assert.Equal(ProposalDecisionRules.EvidenceIncomplete, Assert.Throws<DomainException>(() =>
            proposal.Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), Consent, DecisionOrigin.Portal(null, "", "ua"), Sha, null, Now, Chicago)).Code);
        Assert.Equal(ProposalDecisionRules.EvidenceIncomplete, Assert.Throws<DomainException>(() =>
            proposal.Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), Consent, new DecisionOrigin(DecisionChannel.Link, null, null, "1.2.3.4", "ua"), Sha, null, Now, Chicago)).Code);
        Assert.Null(proposal.Decision);
    }

    [Fact]
    public void Decline_WithAReasonTooLong_IsRefused() =>
        Assert.Equal("too_long", Assert.Throws<DomainException>(() =>
            Create().Decline(Guid.NewGuid(), new string('r', ProposalDecisionRules.ReasonMaxLength + 1), Origin, null, Now, Chicago)).Code);

    [Fact]
    public void Accept_ThroughALink_RecordsTheLinkAndNoUser()
    {
        var linkId = Guid.NewGuid();
        var decision = Create().Accept(Guid.NewGuid(), "1", ProposalSignature.Typed("Pat"), Consent, DecisionOrigin.Link(linkId, "1.2.3.4", "ua"), Sha, null, Now, Chicago);
        Assert.Equal(DecisionChannel.Link, decision.Channel);
        Assert.Equal(linkId, decision.EstimateLinkId);
        Assert.Null(decision.PortalUserId);
    }

    [Fact]
    public void DrawnSignature_WhenARealPngWithinBounds_IsKept()
    {
        var png = Png(600, 200);
        var signature = ProposalSignature.Drawn("Pat Thompson", png);
        Assert.Equal(SignatureType.Drawn, signature.Type);
        Assert.Equal(png, signature.Png);
        var decision = Create().Accept(Guid.NewGuid(), "2", signature, Consent, Origin, Sha, null, Now, Chicago);
        Assert.Equal(png, decision.SignaturePng);
    }

    public static TheoryData<string, byte[]> RefusedImages()
    {
        var corrupted = Png(100, 50);
        corrupted[20] ^= 0xFF; // the IHDR no longer matches its CRC
        var jpeg = new byte[200];
        jpeg[0] = 0xFF;
        jpeg[1] = 0xD8;
        return new TheoryData<string, byte[]>
        {
            { "not a png", jpeg },
            { "empty", [] },
            { "too wide", Png(2001, 100) },
            { "too tall", Png(100, 1001) },
            { "too large", Png(100, 100, extraBytes: ProposalSignature.MaxPngBytes) },
            { "corrupted header", corrupted },
            { "truncated", Png(100, 50)[..40] },
        };
    }

    [Theory]
    [MemberData(nameof(RefusedImages))]
    public void DrawnSignature_WhenNotAPngWithinBounds_IsRefused(string why, byte[] image)
    {
        var ex = Assert.Throws<DomainException>(() => ProposalSignature.Drawn("Pat", image));
        Assert.True(ex.Code == ProposalDecisionRules.InvalidSignature, why);
    }

    [Fact]
    public void Sync_SayingOpenAfterADecision_KeepsTheDecision()
    {
        var proposal = Create();
        proposal.Accept(Guid.NewGuid(), "best", ProposalSignature.Typed("Pat"), Consent, Origin, Sha, null, Now, Chicago);
        proposal.Update("EST-1", proposal.Customer, null, null, ProposalStatus.Open, "Changed", null, "usd", proposal.Options, Now.AddHours(1), null, null);
        Assert.Equal("best", proposal.Decision!.OptionId);
        Assert.Equal(ProposalStatus.Accepted, proposal.EffectiveStatus(Now, Chicago));
        Assert.Equal(ProposalDecisionRules.AlreadyDecided, proposal.WhyNotDecidable(Now, Chicago));
    }

    [Theory]
    [InlineData(true, ProposalStatus.Open, false)]
    [InlineData(true, ProposalStatus.Accepted, true)]
    [InlineData(true, ProposalStatus.Declined, false)]
    [InlineData(false, ProposalStatus.Declined, true)]
    [InlineData(false, ProposalStatus.Accepted, false)]
    public void Sync_SayingTheSameOutcome_ConfirmsTheDecision_AndAnotherNever(bool accept, ProposalStatus synced, bool confirmed)
    {
        var proposal = Create();
        Assert.False(proposal.DecisionConfirmedBySync);
        if (accept)
        {
            proposal.Accept(Guid.NewGuid(), "best", ProposalSignature.Typed("Pat"), Consent, Origin, Sha, null, Now, Chicago);
        }
        else
        {
            proposal.Decline(Guid.NewGuid(), "Too dear", Origin, null, Now, Chicago);
        }

        proposal.Update("EST-1", proposal.Customer, null, null, synced, null, null, "usd", proposal.Options, Now.AddHours(1), null, null);
        Assert.Equal(confirmed, proposal.DecisionConfirmedBySync);
        Assert.NotNull(proposal.Decision);
    }
}
