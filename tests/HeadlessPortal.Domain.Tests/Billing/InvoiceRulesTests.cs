using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Billing;

public sealed class InvoiceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly InvoiceLinks Links = new(new Ref(Guid.CreateVersion7(), "c1"), null, null, null);

    private static InvoiceAmounts Amounts(long total, long balance, long tax = 0, params RecordedPayment[] payments) =>
        new("USD", [new LineItem("Work", 1, total - tax, total - tax)], total - tax, tax, total, balance, payments);

    private static Invoice Create(InvoiceAmounts amounts) =>
        Invoice.Create(TenantId.New(), "inv-1", "INV-1", Links, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), amounts, null, Now);

    [Fact]
    public void Create_WhenAmountsConsistent_KeepsThemWithLowercaseCurrencyAndRaisesInvoiceSent()
    {
        var invoice = Create(Amounts(10_825, 10_825, tax: 825));
        Assert.Equal("usd", invoice.Currency);
        Assert.Equal(10_825, invoice.Balance);
        Assert.True(invoice.EverHadBalance);
        Assert.Equal([Invoice.SentEvent], invoice.Events.Select(e => e.Type));
    }

    [Theory]
    [InlineData(10_000, 10_001, "invalid_balance")]
    [InlineData(10_000, -1, "invalid_balance")]
    [InlineData(-1, 0, "total_mismatch")]
    public void Create_WhenBalanceOrTotalBreaksTheRules_Throws(long total, long balance, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => Create(Amounts(total, balance))).Code);

    [Fact]
    public void Create_WhenSubtotalIsNotTheSumOfLines_Throws() =>
        Assert.Equal("subtotal_mismatch", Assert.Throws<DomainException>(() =>
            Create(new InvoiceAmounts("usd", [new LineItem("A", 2, 500, 1_000)], 999, 0, 999, 0, []))).Code);

    [Fact]
    public void Create_WhenTotalIsNotSubtotalPlusTax_Throws() =>
        Assert.Equal("total_mismatch", Assert.Throws<DomainException>(() =>
            Create(new InvoiceAmounts("usd", [new LineItem("A", 1, 1_000, 1_000)], 1_000, 100, 1_000, 0, []))).Code);

    [Theory]
    [InlineData(2, 333, 666)]
    [InlineData(1.5, 1_000, 1_500)]
    [InlineData(0.333, 100, 33)]
    public void LineItem_WhenAmountIsQuantityTimesPrice_IsValid(decimal quantity, long unitPrice, long amount) =>
        Assert.Equal(amount, new LineItem("x", quantity, unitPrice, amount).Validated().Amount);

    [Fact]
    public void LineItem_WhenAmountDiffers_Throws() =>
        Assert.Equal("line_amount_mismatch", Assert.Throws<DomainException>(() => new LineItem("x", 2, 500, 999).Validated()).Code);

    [Fact]
    public void Payments_WhenTheyAddUpToMoreThanTheTotal_Throw() =>
        Assert.Equal("invalid_payments", Assert.Throws<DomainException>(() =>
            Create(Amounts(1_000, 0, 0, new RecordedPayment("a", 600, Now, null), new RecordedPayment("b", 600, Now, null)))).Code);

    [Fact]
    public void DueDate_WhenBeforeIssueDate_Throws() =>
        Assert.Equal("invalid_dates", Assert.Throws<DomainException>(() =>
            Invoice.Create(TenantId.New(), "inv-1", "INV-1", Links, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 1), Amounts(100, 100), null, Now)).Code);

    [Fact]
    public void EverHadBalance_StaysTrueAfterPaymentInFull_AndIsFalseForAZeroInvoice()
    {
        var invoice = Create(Amounts(5_000, 5_000));
        invoice.Update("INV-1", Links, new DateOnly(2026, 11, 1), null, Amounts(5_000, 0, 0, new RecordedPayment("cash", 5_000, Now, "cash")), null, Now.AddDays(1));
        Assert.True(invoice.EverHadBalance);

        var zero = Create(Amounts(0, 0));
        Assert.False(zero.EverHadBalance);
        Assert.Empty(zero.Events);
    }

    [Fact]
    public void EverHadBalance_IsTrueForAnInvoiceFirstSyncedAlreadyPaid_WhichIsNotAnnouncedAsSent()
    {
        var paid = Create(Amounts(5_000, 0, 0, new RecordedPayment("CHK-1", 5_000, Now, "check")));
        Assert.True(paid.EverHadBalance);
        Assert.Empty(paid.Events);
    }

    [Fact]
    public void Update_WhenNothingChanges_KeepsUpdatedAt()
    {
        var invoice = Create(Amounts(5_000, 5_000));
        Assert.False(invoice.Update("INV-1", Links, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), Amounts(5_000, 5_000), null, Now.AddDays(1)));
        Assert.Equal(Now, invoice.UpdatedAt);
    }

    [Fact]
    public void Proposal_WhenAnOptionTotalIsNotItsLines_Throws() =>
        Assert.Equal("option_total_mismatch", Assert.Throws<DomainException>(() =>
            Proposal.Create(TenantId.New(), "p1", "P-1", Links.BillTo, null, null, ProposalStatus.Open, null, null, "usd",
                [new ProposalOption("Good", null, [new LineItem("Repair", 1, 100, 100)], 200)], Now)).Code);

    [Fact]
    public void Proposal_WhenNoOptions_Throws() =>
        Assert.Equal("invalid_options", Assert.Throws<DomainException>(() =>
            Proposal.Create(TenantId.New(), "p1", "P-1", Links.BillTo, null, null, ProposalStatus.Open, null, null, "usd", [], Now)).Code);
}
