using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Payments;

public sealed class PaymentLinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Ref Invoice = new(Guid.NewGuid(), "inv-1042");

    private static PaymentLink Link(TimeSpan? lifetime = null) =>
        PaymentLink.Create(TenantId.New(), Invoice, "sha256:abc", "demo-admin", lifetime ?? TimeSpan.FromDays(30), Now);

    [Fact]
    public void Create_ExpiresAfterItsLifetime_AndKeepsTheInvoice()
    {
        var link = Link(TimeSpan.FromDays(7));

        Assert.Equal(Now.AddDays(7), link.ExpiresAt);
        Assert.Equal(Invoice.Id, link.InvoiceId);
        Assert.Equal("inv-1042", link.InvoiceExternalId);
        Assert.Equal(DirectLinkStatus.Active, link.StatusAt(Now));
        Assert.Equal(DirectLinkStatus.Expired, link.StatusAt(Now.AddDays(7)));
    }

    [Fact]
    public void Create_WithoutALifetime_IsRefused() =>
        Assert.Equal("invalid_lifetime", Assert.Throws<DomainException>(() => Link(TimeSpan.Zero)).Code);

    [Fact]
    public void Grants_TheInvoiceWhileItWorks_AndNothingElse()
    {
        var link = Link();

        Assert.True(link.Grants(Invoice.Id, invoiceExists: true, Now));
        Assert.False(link.Grants(Guid.NewGuid(), invoiceExists: true, Now));
        Assert.False(link.Grants(Invoice.Id, invoiceExists: false, Now));
        Assert.False(link.Grants(Invoice.Id, invoiceExists: true, Now.AddDays(31)));
    }

    [Fact]
    public void Revoke_StopsTheLink_AndASecondRevocationKeepsTheFirstTime()
    {
        var link = Link();

        Assert.True(link.Revoke(Now.AddHours(1)));
        Assert.False(link.Revoke(Now.AddHours(2)));
        Assert.Equal(Now.AddHours(1), link.RevokedAt);
        Assert.Equal(DirectLinkStatus.Revoked, link.StatusAt(Now.AddHours(3)));
        Assert.False(link.Grants(Invoice.Id, invoiceExists: true, Now.AddHours(3)));
    }
}
