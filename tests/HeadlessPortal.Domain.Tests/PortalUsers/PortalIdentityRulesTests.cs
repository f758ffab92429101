using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.PortalUsers;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.PortalUsers;

public sealed class PortalIdentityRulesTests
{
    private static readonly TenantId Tenant = new(Guid.NewGuid());
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TenFailedPasswordsWithinFifteenMinutes_LockTheAccountForFifteenMinutes()
    {
        var user = PortalUser.CreateVerified(Tenant, " Jane@Example.COM ", Now);
        Assert.Equal("jane@example.com", user.Email);
        for (var i = 0; i < 9; i++)
        {
            user.RecordFailedSignIn(Now.AddMinutes(i), SignInLockoutPolicy.Default);
        }

        Assert.False(user.IsLockedOut(Now.AddMinutes(9)));
        user.RecordFailedSignIn(Now.AddMinutes(14), SignInLockoutPolicy.Default);
        Assert.True(user.IsLockedOut(Now.AddMinutes(14)));
        Assert.True(user.IsLockedOut(Now.AddMinutes(28)));
        Assert.False(user.IsLockedOut(Now.AddMinutes(29)));
    }

    [Fact]
    public void FailuresSpreadBeyondTheWindow_DoNotLock_AndASignInClearsThem()
    {
        var user = PortalUser.CreateVerified(Tenant, "jane@example.com", Now);
        for (var i = 0; i < 9; i++)
        {
            user.RecordFailedSignIn(Now.AddMinutes(i), SignInLockoutPolicy.Default);
        }

        // The window started at the first failure; the tenth comes after it closed.
        user.RecordFailedSignIn(Now.AddMinutes(15), SignInLockoutPolicy.Default);
        Assert.False(user.IsLockedOut(Now.AddMinutes(15)));
        Assert.Equal(1, user.FailedSignIns);

        user.RecordSignIn(Now.AddMinutes(16));
        Assert.Equal(0, user.FailedSignIns);
        Assert.Equal(Now.AddMinutes(16), user.LastSignInAt);
    }

    [Theory]
    [InlineData(PortalTokenPurpose.Invitation, 7 * 24 * 60)]
    [InlineData(PortalTokenPurpose.MagicLink, 10)]
    [InlineData(PortalTokenPurpose.PasswordReset, 30)]
    public void OneTimeTokens_WorkOnceAndOnlyWithinTheirLifetime(PortalTokenPurpose purpose, int minutes)
    {
        var token = PortalToken.Issue(Tenant, purpose, "sha256:x", "Jane@Example.com", null, Now);
        Assert.Equal("jane@example.com", token.Email);
        Assert.False(token.IsUsable(Now.AddMinutes(minutes)));
        Assert.True(token.TryUse(Now.AddMinutes(minutes).AddSeconds(-1)));
        Assert.False(token.TryUse(Now.AddMinutes(1)));
    }

    [Fact]
    public void ThePortalLinkLocksForAnHour_OnTheFifthWrongTry()
    {
        var link = CustomerPortalLink.Create(Tenant, Guid.NewGuid(), "sha256:x", "office", Now);
        for (var i = 0; i < 4; i++)
        {
            link.RecordFailedAttempt(Now);
        }

        Assert.False(link.IsLocked(Now));
        link.RecordFailedAttempt(Now);
        Assert.True(link.IsLocked(Now.AddMinutes(59)));
        Assert.False(link.IsLocked(Now.AddMinutes(60)));
        Assert.Equal(0, link.FailedAttempts);
    }

    [Theory]
    [InlineData("0187", true)]
    [InlineData("5550", false)]
    [InlineData("4321", true)]
    [InlineData("018", false)]
    [InlineData("01a7", false)]
    [InlineData("١٢٣٤", false)]
    public void PhoneLastFour_MatchesTheLastFourDigitsOfAnyNumber(string lastFour, bool matches) =>
        Assert.Equal(matches, CustomerPortalLink.MatchesPhone(["+1 (555) 555-0187", "+15555554321"], lastFour));

    [Fact]
    public void ContactStatus_IsNoneThenInvitedThenActive_AndRevokingMakesItNone()
    {
        var contact = PortalContact.Create(Tenant, "con-1", new(Guid.NewGuid(), "c-1"), "jane@example.com", "memo", AccessLevel.Billing, Now);
        Assert.Equal(PortalAccessStatus.None, contact.StatusWith(userExists: false));
        Assert.Equal(PortalAccessStatus.Active, contact.StatusWith(userExists: true));

        contact.RecordInvitation(Now);
        Assert.Equal(PortalAccessStatus.Invited, contact.StatusWith(userExists: false));
        Assert.True(contact.GrantsAccess);

        Assert.True(contact.RevokePortalAccess(Now));
        Assert.False(contact.RevokePortalAccess(Now));
        Assert.False(contact.GrantsAccess);
        Assert.Equal(PortalAccessStatus.None, contact.StatusWith(userExists: true));

        contact.RecordInvitation(Now.AddDays(1));
        Assert.True(contact.GrantsAccess);
        Assert.Equal(PortalAccessStatus.Active, contact.StatusWith(userExists: true));
    }

    [Fact]
    public void ASession_EndsOnce_AndExpiresThirtyDaysAfterSignIn()
    {
        var session = PortalSession.ForUser(Tenant, Guid.NewGuid(), SignInMethodUsed.Password, Now);
        Assert.True(session.IsActive(Now.AddDays(30).AddSeconds(-1)));
        Assert.False(session.IsActive(Now.AddDays(30)));

        session.End(SessionEndReason.RefreshTokenReused, Now);
        session.End(SessionEndReason.SignedOut, Now.AddMinutes(1));
        Assert.False(session.IsActive(Now));
        Assert.Equal(SessionEndReason.RefreshTokenReused, session.EndReason);

        var refresh = RefreshToken.Issue(session, "sha256:x", Now);
        Assert.Equal(session.ExpiresAt, refresh.ExpiresAt);
    }
}
