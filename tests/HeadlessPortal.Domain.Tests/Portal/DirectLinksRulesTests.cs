using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>PRODUCT.md#direct-links: direct links grant one invoice, without saved methods, expire, can be revoked, and need no account.</summary>
public sealed class DirectLinksRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_BeforeItsExpiryAndNotRevoked_IsActive() =>
        Assert.Equal(DirectLinkStatus.Active, DirectLinks.Status(Now.AddSeconds(1), null, Now));

    [Fact]
    public void Status_AtOrAfterItsExpiry_IsExpired()
    {
        Assert.Equal(DirectLinkStatus.Expired, DirectLinks.Status(Now, null, Now));
        Assert.Equal(DirectLinkStatus.Expired, DirectLinks.Status(Now.AddDays(-1), null, Now));
    }

    [Fact]
    public void Status_WhenRevoked_IsRevokedEvenOnceExpired()
    {
        Assert.Equal(DirectLinkStatus.Revoked, DirectLinks.Status(Now.AddDays(1), Now.AddHours(-1), Now));
        Assert.Equal(DirectLinkStatus.Revoked, DirectLinks.Status(Now.AddDays(-1), Now.AddDays(-2), Now));
    }

    [Theory]
    [InlineData(1, null, true, true)]
    [InlineData(-1, null, true, false)]
    [InlineData(1, -1, true, false)]
    [InlineData(1, null, false, false)]
    public void Works_OnlyWhileNeitherExpiredNorRevokedAndTheRecordStillExists(int expiresInHours, int? revokedHoursAgo, bool exists, bool expected) =>
        Assert.Equal(expected, DirectLinks.Works(Now.AddHours(expiresInHours), revokedHoursAgo is { } h ? Now.AddHours(h) : null, exists, Now));

    [Fact]
    public void Grants_OnlyTheInvoiceTheLinkWasMadeFor()
    {
        var invoice = Guid.NewGuid();
        Assert.True(DirectLinks.Grants(invoice, invoice));
        Assert.False(DirectLinks.Grants(invoice, Guid.NewGuid()));
    }

    [Fact]
    public void OffersSavedPaymentMethods_Never() => Assert.False(DirectLinks.OffersSavedPaymentMethods);

    [Theory]
    [InlineData(1, 90, true)]
    [InlineData(90, 90, true)]
    [InlineData(0, 90, false)]
    [InlineData(-5, 90, false)]
    [InlineData(91, 90, false)]
    public void LifetimeAllowed_IsBetweenOneDayAndTheConfiguredMaximum(int days, int max, bool expected) =>
        Assert.Equal(expected, DirectLinks.LifetimeAllowed(days, max));
}
