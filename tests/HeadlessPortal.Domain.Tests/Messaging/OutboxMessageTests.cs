using System.Reflection;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Messaging;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Messaging;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

    [Fact]
    public void For_WhenCreated_IsPendingAndDueAtOnce()
    {
        var message = OutboxMessage.For(TenantId.New(), "email.send", "{}", Now);

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(Now, message.NextAttemptAt);
        Assert.Equal(0, message.Attempts);
        Assert.Null(message.LockedBy);
        Assert.Null(message.ProcessedAt);
    }

    [Fact]
    public void Delivered_WhenClaimed_IsSentWithTheNewPayloadAndNoLease()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", """{"html":"secret link"}""", Now), "d1");

        message.Delivered(Now.AddSeconds(1), """{"html":"[redacted]"}""");

        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(Now.AddSeconds(1), message.ProcessedAt);
        Assert.Equal("""{"html":"[redacted]"}""", message.Payload);
        Assert.Null(message.NextAttemptAt);
        Assert.Null(message.LockedBy);
        Assert.Null(message.LockedUntil);
    }

    [Fact]
    public void Delivered_WithoutANewPayload_KeepsThePayload()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "job.booked", """{"a":1}""", Now), "d1");

        message.Delivered(Now);

        Assert.Equal("""{"a":1}""", message.Payload);
    }

    [Fact]
    public void NoSubscriber_WhenClaimed_IsRecordedNotSent_KeepsThePayload_AndARetryMakesItPending()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "job.booked", """{"a":1}""", Now), "d1");

        message.NoSubscriber();

        Assert.Equal(OutboxStatus.NoSubscriber, message.Status);
        Assert.Null(message.ProcessedAt);
        Assert.Null(message.NextAttemptAt);
        Assert.Null(message.LockedBy);
        Assert.Equal("""{"a":1}""", message.Payload);

        message.Retry(Now.AddDays(30));

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(Now.AddDays(30), message.NextAttemptAt);
    }

    [Fact]
    public void NoSubscriber_WhenNotClaimed_Throws() =>
        Assert.Equal("message_not_claimed", Assert.Throws<DomainException>(() => OutboxMessage.For(TenantId.New(), "job.booked", "{}", Now).NoSubscriber()).Code);

    [Fact]
    public void Delivered_WhenNotClaimed_Throws()
    {
        var message = OutboxMessage.For(TenantId.New(), "job.booked", "{}", Now);

        Assert.Equal("message_not_claimed", Assert.Throws<DomainException>(() => message.Delivered(Now)).Code);
    }

    [Fact]
    public void DeliveryFailed_BeforeTheLastAttempt_IsFailedAndDueAfterTheBackoff()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1");

        message.DeliveryFailed("SmtpException: 451 try later", permanent: false, Policy, Now, jitter: 0.999);

        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal("SmtpException: 451 try later", message.LastError);
        Assert.InRange(message.NextAttemptAt!.Value, Now.AddSeconds(4.99), Now.AddSeconds(5));
        Assert.Null(message.LockedBy);
    }

    [Fact]
    public void DeliveryFailed_OnTheLastAttempt_IsDead()
    {
        var message = OutboxMessage.For(TenantId.New(), "email.send", "{}", Now);
        for (var attempt = 1; attempt < Policy.MaxAttempts; attempt++)
        {
            Claimed(message, "d1").DeliveryFailed("boom", permanent: false, Policy, Now, 0);
            Assert.Equal(OutboxStatus.Failed, message.Status);
        }

        Claimed(message, "d1").DeliveryFailed("boom", permanent: false, Policy, Now, 0);

        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Equal(Policy.MaxAttempts, message.Attempts);
        Assert.Null(message.NextAttemptAt);
    }

    [Fact]
    public void DeliveryFailed_WhenPermanent_IsDeadAtOnce()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1");

        message.DeliveryFailed("malformed payload", permanent: true, Policy, Now, 0.5);

        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Equal(1, message.Attempts);
    }

    [Fact]
    public void DeliveryFailed_WithALongError_KeepsAShortenedOne()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1");

        message.DeliveryFailed(new string('x', 5000), permanent: false, Policy, Now, 0);

        Assert.Equal(OutboxMessage.LastErrorMaxLength, message.LastError!.Length);
        Assert.EndsWith("…", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void ReleaseExpiredLease_BeforeTheLastAttempt_IsPendingAndDueWithoutCountingAnotherAttempt()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1", leaseUntil: Now.AddSeconds(60));

        message.ReleaseExpiredLease(Policy, Now.AddSeconds(61));

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(Now.AddSeconds(61), message.NextAttemptAt);
        Assert.Null(message.LockedBy);
        Assert.Null(message.LockedUntil);
    }

    [Fact]
    public void ReleaseExpiredLease_AfterTheLastAllowedAttempt_IsDead()
    {
        var message = OutboxMessage.For(TenantId.New(), "email.send", "{}", Now);
        for (var attempt = 1; attempt < Policy.MaxAttempts; attempt++)
        {
            Claimed(message, "d1").DeliveryFailed("boom", permanent: false, Policy, Now, 0);
        }

        Claimed(message, "d1", leaseUntil: Now.AddSeconds(60)).ReleaseExpiredLease(Policy, Now.AddSeconds(61));

        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Contains("lease", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void ReleaseExpiredLease_WhileTheLeaseRuns_Throws()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1", leaseUntil: Now.AddSeconds(60));

        Assert.Equal("lease_not_expired", Assert.Throws<DomainException>(() => message.ReleaseExpiredLease(Policy, Now.AddSeconds(30))).Code);
    }

    [Fact]
    public void IsClaimedBy_OnlyTheSameHolderAndLease()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1", leaseUntil: Now.AddSeconds(60));

        Assert.True(message.IsClaimedBy("d1", Now.AddSeconds(60)));
        Assert.False(message.IsClaimedBy("d2", Now.AddSeconds(60)));
        Assert.False(message.IsClaimedBy("d1", Now.AddSeconds(120)));
    }

    [Fact]
    public void Retry_WhenDead_IsPendingNowWithAttemptsReset()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1");
        message.DeliveryFailed("rejected", permanent: true, Policy, Now, 0);

        message.Retry(Now.AddHours(1));

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(Now.AddHours(1), message.NextAttemptAt);
        Assert.Equal("rejected", message.LastError);
    }

    [Fact]
    public void Retry_WhenSent_Throws()
    {
        var message = Claimed(OutboxMessage.For(TenantId.New(), "email.send", "{}", Now), "d1");
        message.Delivered(Now);

        var error = Assert.Throws<DomainException>(() => message.Retry(Now));

        Assert.Equal("message_already_sent", error.Code);
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
    }

    [Theory]
    [InlineData(1, 0.0, 2.5)]
    [InlineData(1, 0.999999, 5)]
    [InlineData(2, 0.0, 5)]
    [InlineData(3, 0.0, 10)]
    [InlineData(20, 0.0, 30)]
    [InlineData(20, 0.999999, 60)]
    [InlineData(int.MaxValue, 0.0, 30)]
    public void DelayAfter_DoublesPerAttemptWithinTheCapAndJitter(int attempt, double jitter, double expectedSeconds) =>
        Assert.Equal(expectedSeconds, Policy.DelayAfter(attempt, jitter).TotalSeconds, precision: 3);

    [Fact]
    public void RetryPolicy_WhenInconsistent_Throws()
    {
        Assert.Throws<DomainException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.Throws<DomainException>(() => new RetryPolicy(1, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        Assert.Throws<DomainException>(() => new RetryPolicy(1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)));
    }

    // The dispatcher claims in one SQL statement (lease and attempt count together); this sets the same columns.
    private static OutboxMessage Claimed(OutboxMessage message, string holder, DateTimeOffset? leaseUntil = null)
    {
        Set(message, nameof(OutboxMessage.LockedBy), holder);
        Set(message, nameof(OutboxMessage.LockedUntil), leaseUntil ?? Now.AddMinutes(1));
        Set(message, nameof(OutboxMessage.Attempts), message.Attempts + 1);
        return message;
    }

    private static void Set(OutboxMessage message, string property, object value) =>
        typeof(OutboxMessage).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(message, value);
}
