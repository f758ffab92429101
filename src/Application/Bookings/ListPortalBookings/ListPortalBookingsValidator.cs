using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Bookings.ListPortalBookings;

internal sealed class ListPortalBookingsValidator : AbstractValidator<ListPortalBookingsQuery>
{
    public ListPortalBookingsValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Status).Must(s => BookingNames.Statuses.Contains(s)).When(x => x.Status is not null)
            .WithMessage($"status is one of {string.Join(", ", BookingNames.Statuses)}.");
    }
}
