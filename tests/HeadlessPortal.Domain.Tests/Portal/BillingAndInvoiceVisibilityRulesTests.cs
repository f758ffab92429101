using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Portal.Rules;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>PRODUCT.md#billing-access: billing access and invoice visibility, one test per rule.</summary>
public sealed class BillingAndInvoiceVisibilityRulesTests
{
    [Theory]
    [InlineData(CustomerRecordKind.Job)]
    [InlineData(CustomerRecordKind.Appointment)]
    [InlineData(CustomerRecordKind.Equipment)]
    [InlineData(CustomerRecordKind.Agreement)]
    [InlineData(CustomerRecordKind.Membership)]
    [InlineData(CustomerRecordKind.InvoiceSummary)]
    public void BillingAccess_ServiceOnlyUsersSeeServiceRecordsAndTheInvoiceSummaryText(CustomerRecordKind kind)
    {
        Assert.True(BillingAccess.CanSee(AccessLevel.ServiceOnly, kind));
        Assert.True(BillingAccess.CanSee(AccessLevel.Billing, kind));
    }

    [Theory]
    [InlineData(CustomerRecordKind.Invoice)]
    [InlineData(CustomerRecordKind.Payment)]
    [InlineData(CustomerRecordKind.SavedPaymentMethod)]
    [InlineData(CustomerRecordKind.Estimate)]
    public void BillingAccess_InvoicesPaymentsSavedMethodsAndEstimatesNeedBillingAccess(CustomerRecordKind kind)
    {
        Assert.False(BillingAccess.CanSee(AccessLevel.ServiceOnly, kind));
        Assert.True(BillingAccess.CanSee(AccessLevel.Billing, kind));
    }

    [Fact]
    public void BillingAccess_SeveralContactsForOneCustomer_BillingWins()
    {
        Assert.Equal(AccessLevel.Billing, BillingAccess.Combine([AccessLevel.ServiceOnly, AccessLevel.Billing]));
        Assert.Equal(AccessLevel.ServiceOnly, BillingAccess.Combine([AccessLevel.ServiceOnly]));
    }

    [Fact]
    public void InvoiceVisibility_A_TheBillToNeedsBillingAccess()
    {
        Assert.True(InvoiceVisibility.IsVisible(AccessLevel.Billing, true, null, []));
        Assert.False(InvoiceVisibility.IsVisible(AccessLevel.ServiceOnly, true, null, []));
        Assert.False(InvoiceVisibility.IsVisible(null, true, null, []));
    }

    [Fact]
    public void InvoiceVisibility_B_AZeroDollarInvoiceNeverAppears()
    {
        Assert.False(InvoiceVisibility.IsVisible(AccessLevel.Billing, everHadBalance: false, null, []));
        Assert.True(InvoiceVisibility.IsVisible(AccessLevel.Billing, everHadBalance: true, null, []));
    }

    [Fact]
    public void InvoiceVisibility_C_HiddenBusinessUnitsHideTheirInvoices()
    {
        Assert.True(InvoiceVisibility.IsVisible(AccessLevel.Billing, true, "bu-residential", ["bu-residential"]));
        Assert.False(InvoiceVisibility.IsVisible(AccessLevel.Billing, true, "bu-commercial", ["bu-residential"]));
        Assert.False(InvoiceVisibility.IsVisible(AccessLevel.Billing, true, null, ["bu-residential"]));
        Assert.True(InvoiceVisibility.IsVisible(AccessLevel.Billing, true, "bu-commercial", []));
    }

    [Fact]
    public void InvoiceVisibility_D_WithInvoiceAndPaymentOffNoInvoiceIsShown()
    {
        var on = PortalFeatures.Defaults with { InvoicePayment = true };
        Assert.True(InvoiceVisibility.IsShown(on, AccessLevel.Billing, true, null, []));
        Assert.False(InvoiceVisibility.IsShown(on with { InvoicePayment = false }, AccessLevel.Billing, true, null, []));
        Assert.False(InvoiceVisibility.IsShown(on, AccessLevel.ServiceOnly, true, null, []));
    }
}
