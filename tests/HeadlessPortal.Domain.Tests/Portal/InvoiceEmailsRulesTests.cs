using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>Who gets an invoice email with its payment link, one test per rule.</summary>
public sealed class InvoiceEmailsRulesTests
{
    private static readonly PortalFeatures On = PortalFeatures.Defaults with { InvoicePayment = true };

    [Fact]
    public void PortalOffersInvoices_NeedsThePortalOnAndInvoiceAndPaymentOn()
    {
        Assert.True(InvoiceEmails.PortalOffersInvoices(true, On));
        Assert.False(InvoiceEmails.PortalOffersInvoices(false, On));
        Assert.False(InvoiceEmails.PortalOffersInvoices(true, On with { InvoicePayment = false }));
    }

    [Theory]
    [InlineData(true, 100, null, true)]
    [InlineData(true, 0, null, false)]
    [InlineData(false, 100, null, false)]
    [InlineData(true, 100, "bu-shown", true)]
    [InlineData(true, 100, "bu-hidden", false)]
    public void InvoiceQualifies_WhenCustomersCouldSeeItAndSomethingIsDue(bool everHadBalance, long balance, string? unit, bool expected)
    {
        IReadOnlyCollection<string> visible = unit is null ? [] : ["bu-shown"];
        Assert.Equal(expected, InvoiceEmails.InvoiceQualifies(everHadBalance, balance, unit, visible));
    }

    [Theory]
    [InlineData(AccessLevel.Billing, true, true)]
    [InlineData(AccessLevel.ServiceOnly, true, false)]
    [InlineData(AccessLevel.Billing, false, false)]
    public void IsRecipient_OnlyContactsGrantingBillingAccess(AccessLevel level, bool grantsAccess, bool expected) =>
        Assert.Equal(expected, InvoiceEmails.IsRecipient(level, grantsAccess));

    [Fact]
    public void ShouldSend_NeedsBothThePortalAndTheInvoice()
    {
        Assert.True(InvoiceEmails.ShouldSend(true, On, true, 100, null, []));
        Assert.False(InvoiceEmails.ShouldSend(false, On, true, 100, null, []));
        Assert.False(InvoiceEmails.ShouldSend(true, On, true, 0, null, []));
    }
}
