using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Assets;

public sealed class PlanRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Ref Customer = new(Guid.CreateVersion7(), "c1");

    [Fact]
    public void Agreement_WhenItEndsBeforeItStarts_Throws() =>
        Assert.Equal("invalid_dates", Assert.Throws<DomainException>(() =>
            Agreement.Create(TenantId.New(), "a1", Customer, "Plan", AgreementStatus.Active, new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1), [], [], [], Now)).Code);

    [Fact]
    public void Warranty_WhenItEndsBeforeItStarts_Throws() =>
        Assert.Equal("invalid_warranty", Assert.Throws<DomainException>(() => new Warranty(new DateOnly(2030, 1, 1), new DateOnly(2029, 1, 1), null).Validated()).Code);

    [Fact]
    public void Membership_WhenSentAgainUnchanged_ReportsNoChange()
    {
        PlanVisit[] visits = [new("Tune-up", new DateOnly(2026, 4, 1), VisitStatus.Unscheduled, null)];
        var membership = Membership.Create(TenantId.New(), "m1", Customer, "Comfort Club", MembershipStatus.Active, new DateOnly(2026, 1, 1), null, visits, [], [], Now);

        Assert.False(membership.Update(Customer, "Comfort Club", MembershipStatus.Active, new DateOnly(2026, 1, 1), null, [.. visits], [], [], Now.AddDays(1)));
        Assert.True(membership.Update(Customer, "Comfort Club", MembershipStatus.Expired, new DateOnly(2026, 1, 1), null, [.. visits], [], [], Now.AddDays(1)));
    }

    [Fact]
    public void SyncedEntity_WhenDeletedThenSentAgain_IsRestored()
    {
        var customer = Domain.Customers.Customer.Create(TenantId.New(), "c1", CustomerKind.Residential, "Jane", ["JANE@example.com"], [], null, Now);
        Assert.Equal(["jane@example.com"], customer.Emails);

        Assert.True(customer.Delete(Now.AddDays(1)));
        Assert.False(customer.Delete(Now.AddDays(2)));
        Assert.True(customer.Update(CustomerKind.Residential, "Jane", ["jane@example.com"], [], null, Now.AddDays(3)));
        Assert.False(customer.IsDeleted);
    }

    [Fact]
    public void Customer_WhenAnEmailIsInvalid_Throws() =>
        Assert.Equal("invalid_email", Assert.Throws<DomainException>(() =>
            Domain.Customers.Customer.Create(TenantId.New(), "c1", CustomerKind.Residential, "Jane", ["nope"], [], null, Now)).Code);
}
