using HeadlessPortal.Domain.Bookings;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Tenants;

namespace HeadlessPortal.Domain.Tests.Bookings;

public sealed class BookingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly Ref JobType = new(Guid.NewGuid(), "jt-repair");
    private static readonly Ref Customer = new(Guid.NewGuid(), "cust-1");
    private static readonly Ref Location = new(Guid.NewGuid(), "loc-1");
    private static readonly Guid WindowA = Guid.NewGuid();
    private static readonly Guid WindowB = Guid.NewGuid();

    private static PreferredWindow Days(int fromDays, int toDays) => new(Today.AddDays(fromDays), Today.AddDays(toDays));

    private static Booking Portal(IReadOnlyList<PreferredWindow>? windows = null, string? description = "No cooling", string? phone = "+15555550123") =>
        Booking.RequestFromPortal(UuidV7.NewGuid(), TenantId.New(), JobType, Customer, Location, Guid.NewGuid(), windows ?? [Days(1, 2)], description, phone, "user:1", "key-1", "HASH", Today, Now);

    private static Booking Website(string email = "visitor@example.com", string phone = "+15555550123") =>
        Booking.RequestFromWebsite(
            UuidV7.NewGuid(), TenantId.New(), JobType, new WebsiteRequester("Sam Visitor", email, phone, new Address("9 Elm St", null, "Springfield", "IL", "62701", "us")),
            [Days(0, 0)], "Dripping faucet", Today, Now);

    [Fact]
    public void RequestFromPortal_IsNew_WithTheCustomerLocationUserAndWindows()
    {
        var booking = Portal([Days(1, 2), Days(5, 5)]);

        Assert.Equal(BookingStatus.New, booking.Status);
        Assert.Equal(BookingSource.Portal, booking.Source);
        Assert.Equal(Customer.Id, booking.CustomerId);
        Assert.Equal("loc-1", booking.LocationExternalId);
        Assert.Equal("jt-repair", booking.JobTypeExternalId);
        Assert.Equal([Days(1, 2), Days(5, 5)], booking.PreferredWindows);
        Assert.Equal("+15555550123", booking.ContactPhone);
        Assert.Null(booking.CapacityWindowId);
        Assert.Null(booking.AppointmentId);
        Assert.Equal(Now, booking.CreatedAt);
    }

    [Fact]
    public void RequestFromWebsite_KeepsTheVisitorsDetails_AndNoCustomer()
    {
        var booking = Website();

        Assert.Equal(BookingSource.Website, booking.Source);
        Assert.Equal("Sam Visitor", booking.RequesterName);
        Assert.Equal("visitor@example.com", booking.RequesterEmail);
        Assert.Equal("US", booking.RequesterAddress!.Country);
        Assert.Null(booking.CustomerId);
        Assert.Null(booking.IdempotencyScope);
    }

    [Theory]
    [InlineData("not-an-email", "+15555550123", "invalid_email")]
    [InlineData("visitor@example.com", "555-0123", "invalid_phone")]
    public void RequestFromWebsite_WithABadEmailOrPhone_IsRefused(string email, string phone, string code)
    {
        var ex = Assert.Throws<DomainException>(() => Website(email, phone));
        Assert.Equal(code, ex.Code);
    }

    public static TheoryData<PreferredWindow[]> BadWindows => new()
    {
        Array.Empty<PreferredWindow>(),
        new[] { Days(1, 1), Days(2, 2), Days(3, 3), Days(4, 4) },
        new[] { Days(3, 2) },
        new[] { Days(-1, 2) },
        new[] { Days(1, 1 + BookingRules.MaxWindowDays) },
        new[] { Days(BookingRules.MaxDaysAhead + 1, BookingRules.MaxDaysAhead + 1) },
        new[] { Days(1, 2), Days(1, 2) },
    };

    [Theory]
    [MemberData(nameof(BadWindows))]
    public void Request_WithPreferredWindowsOutOfBounds_IsRefused(PreferredWindow[] windows)
    {
        var ex = Assert.Throws<DomainException>(() => Portal(windows));
        Assert.Equal(BookingRules.InvalidPreferredWindows, ex.Code);
    }

    [Fact]
    public void Request_WithAWindowOfTodayUpToTheLimits_IsAccepted()
    {
        var booking = Portal([Days(0, BookingRules.MaxWindowDays - 1), Days(BookingRules.MaxDaysAhead, BookingRules.MaxDaysAhead)]);

        Assert.Equal(2, booking.PreferredWindows.Count);
    }

    [Fact]
    public void Request_WithADescriptionTooLongOrABadContactPhone_IsRefused()
    {
        Assert.Equal("too_long", Assert.Throws<DomainException>(() => Portal(description: new string('x', BookingRules.DescriptionMaxLength + 1))).Code);
        Assert.Equal("invalid_phone", Assert.Throws<DomainException>(() => Portal(phone: "12345")).Code);
        Assert.Null(Portal(phone: null).ContactPhone);
    }

    [Fact]
    public void Schedule_LinksTheJobAndAppointment_OnlyFromNew()
    {
        var booking = Portal();

        booking.Schedule("job-77", "appt-9", "office-client", Now.AddHours(1));

        Assert.Equal(BookingStatus.Scheduled, booking.Status);
        Assert.Equal("job-77", booking.JobExternalId);
        Assert.Equal("appt-9", booking.AppointmentExternalId);
        Assert.Equal(Now.AddHours(1), booking.ScheduledAt);
        Assert.Equal("office-client", booking.HandledBy);
        var again = Assert.Throws<DomainException>(() => booking.Schedule("job-78", null, "office-client", Now));
        Assert.Equal(BookingRules.NotNew, again.Code);
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        Assert.Equal(BookingRules.NotNew, Assert.Throws<DomainException>(() => booking.Dismiss("Spam", "office-client", Now)).Code);
    }

    [Fact]
    public void Dismiss_NeedsABoundedReason_AndIsFinal()
    {
        var booking = Website();

        Assert.Equal("required", Assert.Throws<DomainException>(() => booking.Dismiss(" ", "office", Now)).Code);
        Assert.Equal("too_long", Assert.Throws<DomainException>(() => booking.Dismiss(new string('r', BookingRules.DismissReasonMaxLength + 1), "office", Now)).Code);
        Assert.Equal(BookingStatus.New, booking.Status);

        booking.Dismiss("Outside our service area", "office", Now);

        Assert.Equal(BookingStatus.Dismissed, booking.Status);
        Assert.Equal("Outside our service area", booking.DismissReason);
        Assert.Null(booking.JobExternalId);
        Assert.Equal(BookingRules.NotNew, Assert.Throws<DomainException>(() => booking.Schedule("job-1", null, "office", Now)).Code);
    }

    private static Booking Booked() =>
        Booking.BookFromPortal(UuidV7.NewGuid(), TenantId.New(), JobType, Customer, Location, Guid.NewGuid(), WindowA, "Tune-up", null, "user:1", "key-1", "HASH", Now);

    [Fact]
    public void BookFromPortal_IsBooked_InItsWindow_AndIsItsOwnAppointment()
    {
        var booking = Booked();

        Assert.Equal(BookingStatus.Booked, booking.Status);
        Assert.Equal(WindowA, booking.CapacityWindowId);
        Assert.Equal(booking.Id, booking.AppointmentId);
        Assert.Empty(booking.PreferredWindows);
        Assert.True(booking.IsSelfScheduled);
    }

    [Fact]
    public void Reschedule_MovesABookedAppointment_RemembersTheKey_AndBumpsTheVersion()
    {
        var booking = Booked();

        booking.Reschedule(WindowB, "key-2", "H2", Now.AddHours(1));

        Assert.Equal((BookingStatus.Booked, WindowB, "key-2", "H2", 1, Now.AddHours(1)),
            (booking.Status, booking.CapacityWindowId, booking.ChangeIdempotencyKey, booking.ChangeRequestHash, booking.Version, booking.RescheduledAt));
        Assert.Equal("same_window", Assert.Throws<DomainException>(() => booking.Reschedule(WindowB, "key-3", "H3", Now)).Code);
    }

    [Fact]
    public void Cancel_EndsABookedAppointment_AndThenNothingChangesIt()
    {
        var booking = Booked();

        booking.Cancel("Away that week", "key-2", "H2", Now);

        Assert.Equal((BookingStatus.Canceled, "Away that week", Now, WindowA), (booking.Status, booking.CancelReason, booking.CanceledAt, booking.CapacityWindowId));
        var again = Assert.Throws<DomainException>(() => booking.Cancel(null, "key-3", "H3", Now));
        Assert.Equal((BookingRules.NotChangeable, DomainErrorKind.Conflict), (again.Code, again.Kind));
        Assert.Equal(BookingRules.NotChangeable, Assert.Throws<DomainException>(() => booking.Reschedule(WindowB, "key-4", "H4", Now)).Code);
        Assert.Equal(BookingRules.NotNew, Assert.Throws<DomainException>(() => booking.Schedule("J-1", null, "office", Now)).Code);
    }

    [Fact]
    public void ARequest_CannotBeRescheduledOrCanceled_LikeAnAppointment()
    {
        var request = Portal();

        Assert.Equal(BookingRules.NotChangeable, Assert.Throws<DomainException>(() => request.Cancel(null, "key-2", "H2", Now)).Code);
        Assert.Equal(BookingRules.NotChangeable, Assert.Throws<DomainException>(() => request.Reschedule(WindowB, "key-2", "H2", Now)).Code);
    }

    [Fact]
    public void Schedule_OfABookedAppointment_LinksTheBackOfficesJob_AndKeepsItBooked_Once()
    {
        var booking = Booked();

        booking.Schedule("J-20815", "A-40211", "office", Now);

        Assert.Equal((BookingStatus.Booked, "J-20815", "A-40211", WindowA), (booking.Status, booking.JobExternalId, booking.AppointmentExternalId, booking.CapacityWindowId));
        Assert.Equal(BookingRules.NotNew, Assert.Throws<DomainException>(() => booking.Schedule("J-2", null, "office", Now)).Code);
        Assert.Equal(BookingRules.NotNew, Assert.Throws<DomainException>(() => Booked().Dismiss("No", "office", Now)).Code);
        booking.Reschedule(WindowB, "key-2", "H2", Now);
        Assert.Equal(WindowB, booking.CapacityWindowId);
    }
}
