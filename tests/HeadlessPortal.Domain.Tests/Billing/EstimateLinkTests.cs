using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Billing;

public sealed class EstimateLinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Ref Customer = new(Guid.NewGuid(), "cust-1031");
    private static readonly Ref First = new(Guid.NewGuid(), "est-3310");
    private static readonly Ref Second = new(Guid.NewGuid(), "est-3311");

    private static EstimateLink Link(IReadOnlyList<(Ref, Guid)>? proposals = null, TimeSpan? lifetime = null) =>
        EstimateLink.Create(TenantId.New(), Customer, proposals ?? [(First, Customer.Id), (Second, Customer.Id)], "sha256:abc", "demo-admin", lifetime ?? TimeSpan.FromDays(30), Now);

    [Fact]
    public void Create_ExpiresAfterItsLifetime_AndKeepsTheProposalsInOrder()
    {
        var link = Link(lifetime: TimeSpan.FromDays(7));

        Assert.Equal(Now.AddDays(7), link.ExpiresAt);
        Assert.Equal([First, Second], link.Proposals);
        Assert.Equal(Customer.Id, link.CustomerId);
        Assert.Equal(DirectLinkStatus.Active, link.StatusAt(Now));
        Assert.Equal(DirectLinkStatus.Expired, link.StatusAt(Now.AddDays(7)));
    }

    [Fact]
    public void Create_WithoutALifetime_IsRefused() =>
        Assert.Equal("invalid_lifetime", Assert.Throws<DomainException>(() => Link(lifetime: TimeSpan.Zero)).Code);

    [Fact]
    public void Create_WithNoProposals_TooMany_OrOneTwice_IsRefused()
    {
        var many = Enumerable.Range(0, EstimateLink.MaxProposals + 1).Select(i => (new Ref(Guid.NewGuid(), $"est-{i}"), Customer.Id)).ToList();

        Assert.Equal("invalid_proposals", Assert.Throws<DomainException>(() => Link([])).Code);
        Assert.Equal("invalid_proposals", Assert.Throws<DomainException>(() => Link(many)).Code);
        Assert.Equal("invalid_proposals", Assert.Throws<DomainException>(() => Link([(First, Customer.Id), (First, Customer.Id)])).Code);
        Assert.Equal(EstimateLink.MaxProposals, Link(many.Take(EstimateLink.MaxProposals).ToList()).Proposals.Count);
    }

    [Fact]
    public void Create_WithAnotherCustomersProposal_IsRefused() =>
        Assert.Equal(
            EstimateLink.ProposalOfAnotherCustomer,
            Assert.Throws<DomainException>(() => Link([(First, Customer.Id), (Second, Guid.NewGuid())])).Code);

    [Fact]
    public void Grants_ItsProposalsWhileItWorks_AndNothingElse()
    {
        var link = Link();

        Assert.True(link.Grants(First.Id, Now));
        Assert.True(link.Grants(Second.Id, Now));
        Assert.False(link.Grants(Guid.NewGuid(), Now));
        Assert.False(link.Grants(First.Id, Now.AddDays(30)));

        Assert.True(link.Revoke(Now.AddHours(1)));
        Assert.False(link.Revoke(Now.AddHours(2)));
        Assert.Equal(Now.AddHours(1), link.RevokedAt);
        Assert.False(link.Grants(First.Id, Now.AddHours(1)));
        Assert.Equal(DirectLinkStatus.Revoked, link.StatusAt(Now.AddDays(31)));
    }

    [Fact]
    public void EstimateEmail_GoesOnlyToBillingContacts_OfOpenProposals_WhileThePortalTakesEstimateApprovals()
    {
        var on = PortalFeatures.Defaults with { EstimateApproval = true };
        var off = PortalFeatures.Defaults with { EstimateApproval = false };

        Assert.True(EstimateEmails.ShouldSend(portalEnabled: true, on, ProposalStatus.Open));
        Assert.False(EstimateEmails.ShouldSend(portalEnabled: false, on, ProposalStatus.Open));
        Assert.False(EstimateEmails.ShouldSend(portalEnabled: true, off, ProposalStatus.Open));
        Assert.False(EstimateEmails.ShouldSend(portalEnabled: true, on, ProposalStatus.Accepted));
        Assert.False(EstimateEmails.ShouldSend(portalEnabled: true, on, ProposalStatus.Expired));
        Assert.True(EstimateEmails.IsRecipient(AccessLevel.Billing, grantsAccess: true));
        Assert.False(EstimateEmails.IsRecipient(AccessLevel.ServiceOnly, grantsAccess: true));
        Assert.False(EstimateEmails.IsRecipient(AccessLevel.Billing, grantsAccess: false));
    }
}
