using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Payments;
using HeadlessPortal.Domain.Portal.Rules;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Portal;

/// <summary>Saved payment methods: one test per rule, then the rules as <see cref="ProviderCustomer"/> applies them.</summary>
public sealed class SavedPaymentMethodRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData(0, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(11, false)]
    public void CanSaveAnother_AtMostTenMethodsPerCustomer(int saved, bool expected) =>
        Assert.Equal(expected, SavedPaymentMethodRules.CanSaveAnother(saved));

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void BecomesPrimaryWhenSaved_OnlyWhenTheCustomerHasNoPrimary(bool hasPrimary, bool expected) =>
        Assert.Equal(expected, SavedPaymentMethodRules.BecomesPrimaryWhenSaved(hasPrimary));

    [Theory]
    [InlineData(11, 2026, false)]
    [InlineData(12, 2026, false)]
    [InlineData(1, 2027, false)]
    [InlineData(10, 2026, true)]
    [InlineData(12, 2025, true)]
    public void IsExpired_ACardIsValidThroughTheLastDayOfItsExpiryMonth(int month, int year, bool expected) =>
        Assert.Equal(expected, SavedPaymentMethodRules.IsExpired(PaymentMethodKind.Card, month, year, Today));

    [Fact]
    public void IsExpired_BankAccountsAndCardsNotYetDescribedDoNotExpire()
    {
        Assert.False(SavedPaymentMethodRules.IsExpired(PaymentMethodKind.UsBankAccount, 1, 2020, Today));
        Assert.False(SavedPaymentMethodRules.IsExpired(PaymentMethodKind.Card, null, null, Today));
    }

    [Fact]
    public void CanBePrimary_AnExpiredCardCannotBePrimary()
    {
        Assert.False(SavedPaymentMethodRules.CanBePrimary(PaymentMethodKind.Card, 10, 2026, Today));
        Assert.True(SavedPaymentMethodRules.CanBePrimary(PaymentMethodKind.Card, 11, 2026, Today));
        Assert.True(SavedPaymentMethodRules.CanBePrimary(PaymentMethodKind.UsBankAccount, null, null, Today));
    }

    [Fact]
    public void SuccessorOfRemovedPrimary_IsTheMostRecentRemainingMethodThatCanBePrimary()
    {
        var (wallet, _) = Wallet();
        var older = Card(wallet, "4242", 12, 2030, Now.AddDays(-3));
        var newerExpired = Card(wallet, "0005", 1, 2026, Now.AddDays(-2));
        var newest = Bank(wallet, "6789", Now.AddDays(-1));
        Assert.Same(newest, SavedPaymentMethodRules.SuccessorOfRemovedPrimary([older, newerExpired, newest], Today));
        Assert.Same(older, SavedPaymentMethodRules.SuccessorOfRemovedPrimary([older, newerExpired], Today));
    }

    [Fact]
    public void SuccessorOfRemovedPrimary_IsNoneWhenOnlyExpiredCardsRemain()
    {
        var (wallet, _) = Wallet();
        Assert.Null(SavedPaymentMethodRules.SuccessorOfRemovedPrimary([Card(wallet, "0005", 1, 2026, Now)], Today));
        Assert.Null(SavedPaymentMethodRules.SuccessorOfRemovedPrimary([], Today));
    }

    [Fact]
    public void Save_TheFirstSavedMethodBecomesPrimary()
    {
        var (wallet, saved) = Wallet();
        var first = Card(wallet, "4242", 12, 2030, Now);
        var history = wallet.Save(saved, first, "portal-user:1", Now);
        saved.Add(first);

        Assert.Equal(first.Id, wallet.PrimaryPaymentMethodId);
        Assert.Equal([PaymentMethodHistoryAction.Added, PaymentMethodHistoryAction.MadePrimary], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal("Visa •••• 4242", h.Summary));
        Assert.All(history, h => Assert.Equal("portal-user:1", h.Actor));

        var second = Bank(wallet, "6789", Now);
        Assert.Equal([PaymentMethodHistoryAction.Added], wallet.Save(saved, second, "portal-user:1", Now).Select(h => h.Action));
        Assert.Equal(first.Id, wallet.PrimaryPaymentMethodId);
    }

    [Fact]
    public void Save_RefusesAnEleventhMethod()
    {
        var (wallet, saved) = Wallet();
        for (var i = 0; i < SavedPaymentMethodRules.MaxPerCustomer; i++)
        {
            var method = Card(wallet, $"{i:0000}", 12, 2030, Now);
            wallet.Save(saved, method, "portal-user:1", Now);
            saved.Add(method);
        }

        var error = Assert.Throws<DomainException>(() => wallet.Save(saved, Card(wallet, "9999", 12, 2030, Now), "portal-user:1", Now));
        Assert.Equal("too_many_payment_methods", error.Code);
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void MakePrimary_MakingOnePrimaryClearsTheOthers()
    {
        var (wallet, saved) = Wallet();
        var first = SaveCard(wallet, saved, "4242");
        var second = SaveCard(wallet, saved, "4444");

        var history = wallet.MakePrimary(second, "portal-user:1", Today, Now);

        Assert.Equal(second.Id, wallet.PrimaryPaymentMethodId);
        Assert.NotEqual(first.Id, wallet.PrimaryPaymentMethodId);
        Assert.Equal(PaymentMethodHistoryAction.MadePrimary, Assert.Single(history).Action);
        Assert.Empty(wallet.MakePrimary(second, "portal-user:1", Today, Now));
    }

    [Fact]
    public void MakePrimary_RefusesAnExpiredCard()
    {
        var (wallet, saved) = Wallet();
        SaveCard(wallet, saved, "4242");
        var expired = Card(wallet, "0005", 10, 2026, Now);
        wallet.Save(saved, expired, "portal-user:1", Now);

        Assert.Equal("payment_method_expired", Assert.Throws<DomainException>(() => wallet.MakePrimary(expired, "portal-user:1", Today, Now)).Code);
    }

    [Fact]
    public void Remove_ThePrimaryPassesToTheMostRecentRemainingMethod()
    {
        var (wallet, saved) = Wallet();
        var first = SaveCard(wallet, saved, "4242", Now.AddMinutes(-3));
        var second = SaveCard(wallet, saved, "4444", Now.AddMinutes(-2));
        SaveCard(wallet, saved, "1111", Now.AddMinutes(-1), expMonth: 1, expYear: 2026);

        var history = wallet.Remove(saved, first, "portal-user:1", Today, Now);

        Assert.Equal(Now, first.RemovedAt);
        Assert.Equal(second.Id, wallet.PrimaryPaymentMethodId);
        Assert.Equal([(PaymentMethodHistoryAction.Removed, first.Id), (PaymentMethodHistoryAction.MadePrimary, second.Id)], history.Select(h => (h.Action, h.SavedPaymentMethodId)));
    }

    [Fact]
    public void Remove_ThePrimaryLeavesNoneWhenNoRemainingMethodCanBePrimary()
    {
        var (wallet, saved) = Wallet();
        var first = SaveCard(wallet, saved, "4242");
        SaveCard(wallet, saved, "1111", expMonth: 1, expYear: 2026);

        var history = wallet.Remove(saved, first, "portal-user:1", Today, Now);

        Assert.Null(wallet.PrimaryPaymentMethodId);
        Assert.Equal([PaymentMethodHistoryAction.Removed, PaymentMethodHistoryAction.PrimaryCleared], history.Select(h => h.Action));
    }

    [Fact]
    public void Remove_AnotherMethodKeepsThePrimary_AndARemovedMethodCannotBeRemovedOrChosenAgain()
    {
        var (wallet, saved) = Wallet();
        var first = SaveCard(wallet, saved, "4242");
        var second = SaveCard(wallet, saved, "4444");

        Assert.Equal(PaymentMethodHistoryAction.Removed, Assert.Single(wallet.Remove(saved, second, "portal-user:1", Today, Now)).Action);
        Assert.Equal(first.Id, wallet.PrimaryPaymentMethodId);
        Assert.Equal("payment_method_removed", Assert.Throws<DomainException>(() => wallet.Remove(saved, second, "portal-user:1", Today, Now)).Code);
        Assert.Equal("payment_method_removed", Assert.Throws<DomainException>(() => wallet.MakePrimary(second, "portal-user:1", Today, Now)).Code);
    }

    [Fact]
    public void Save_AfterThePrimaryWasClearedTheNewMethodBecomesPrimary()
    {
        var (wallet, saved) = Wallet();
        var first = SaveCard(wallet, saved, "4242");
        wallet.Remove(saved, first, "portal-user:1", Today, Now);
        saved.Remove(first);

        var next = SaveCard(wallet, saved, "4444");
        Assert.Equal(next.Id, wallet.PrimaryPaymentMethodId);
    }

    [Fact]
    public void Save_RefusesAMethodOfAnotherCustomer()
    {
        var (wallet, saved) = Wallet();
        var (other, _) = Wallet();
        Assert.Equal("payment_method_mismatch", Assert.Throws<DomainException>(() => wallet.Save(saved, Card(other, "4242", 12, 2030, Now), "portal-user:1", Now)).Code);
    }

    [Theory]
    [InlineData("visa", "4242", null, "Visa •••• 4242")]
    [InlineData("amex", "0005", null, "American Express •••• 0005")]
    [InlineData("something_new", "1234", null, "Card •••• 1234")]
    [InlineData(null, null, null, "Card")]
    public void Summary_NamesACardByBrandAndLastFour(string? brand, string? last4, string? bank, string expected) =>
        Assert.Equal(expected, PaymentMethodSummary.Of(PaymentMethodKind.Card, brand, last4, bank));

    [Fact]
    public void Summary_NamesABankAccountByBankAndLastFour()
    {
        Assert.Equal("STRIPE TEST BANK •••• 6789", PaymentMethodSummary.Of(PaymentMethodKind.UsBankAccount, null, "6789", "STRIPE TEST BANK"));
        Assert.Equal("Bank account •••• 6789", PaymentMethodSummary.Of(PaymentMethodKind.UsBankAccount, null, "6789", null));
        Assert.Equal("Bank account", PaymentMethodSummary.Of(PaymentMethodKind.UsBankAccount, null, null, null));
    }

    [Fact]
    public void Describe_FillsInTheDetailsOnce_AndHistoryWrittenBeforeTakesTheSummary()
    {
        var (wallet, saved) = Wallet();
        var method = SavedPaymentMethod.Create(wallet.TenantId, wallet.CustomerId, "acct_1", wallet.ProviderCustomerId, "pm_1", PaymentMethodKind.Card, null, Now);
        var entry = wallet.Save(saved, method, "portal-user:1", Now)[0];
        Assert.Equal("Card", entry.Summary);
        Assert.False(method.IsDescribed);

        Assert.True(method.Describe(PaymentMethodDisplay.Card("visa", "4242", 12, 2030)));
        Assert.False(method.Describe(PaymentMethodDisplay.Card("visa", "4242", 12, 2030)));
        Assert.True(entry.FillInSummary(method));
        Assert.Equal("Visa •••• 4242", entry.Summary);
    }

    [Theory]
    [InlineData("424", 12, 2030)]
    [InlineData("42a2", 12, 2030)]
    [InlineData("4242", 13, 2030)]
    [InlineData("4242", 12, 99)]
    public void Describe_RefusesDetailsThatAreNotALastFourAndAnExpiry(string last4, int month, int year)
    {
        var (wallet, _) = Wallet();
        var method = SavedPaymentMethod.Create(wallet.TenantId, wallet.CustomerId, "acct_1", wallet.ProviderCustomerId, "pm_1", PaymentMethodKind.Card, null, Now);
        Assert.Equal("invalid_payment_method", Assert.Throws<DomainException>(() => method.Describe(PaymentMethodDisplay.Card("visa", last4, month, year))).Code);
    }

    private static (ProviderCustomer Wallet, List<SavedPaymentMethod> Saved) Wallet() =>
        (ProviderCustomer.Create(TenantId.New(), Guid.NewGuid(), "acct_1", "cus_" + Guid.NewGuid().ToString("N")[..14], Now), []);

    private static SavedPaymentMethod Card(ProviderCustomer wallet, string last4, int expMonth, int expYear, DateTimeOffset createdAt) =>
        SavedPaymentMethod.Create(wallet.TenantId, wallet.CustomerId, wallet.ProviderAccountId, wallet.ProviderCustomerId, "pm_" + Guid.NewGuid().ToString("N"),
            PaymentMethodKind.Card, PaymentMethodDisplay.Card("visa", last4, expMonth, expYear), createdAt);

    private static SavedPaymentMethod Bank(ProviderCustomer wallet, string last4, DateTimeOffset createdAt) =>
        SavedPaymentMethod.Create(wallet.TenantId, wallet.CustomerId, wallet.ProviderAccountId, wallet.ProviderCustomerId, "pm_" + Guid.NewGuid().ToString("N"),
            PaymentMethodKind.UsBankAccount, PaymentMethodDisplay.BankAccount("STRIPE TEST BANK", last4), createdAt);

    private static SavedPaymentMethod SaveCard(
        ProviderCustomer wallet, List<SavedPaymentMethod> saved, string last4, DateTimeOffset? createdAt = null, int expMonth = 12, int expYear = 2030)
    {
        var method = Card(wallet, last4, expMonth, expYear, createdAt ?? Now);
        wallet.Save(saved, method, "portal-user:1", Now);
        saved.Add(method);
        return method;
    }
}
