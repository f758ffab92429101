using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Bookings.ListBookings;

internal sealed class ListBookingsValidator : AbstractValidator<ListBookingsQuery>
{
    public ListBookingsValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Status).Must(s => BookingNames.Statuses.Contains(s)).When(x => x.Status is not null)
            .WithMessage($"status is one of {string.Join(", ", BookingNames.Statuses)}.");
        RuleFor(x => x.Source).Must(s => BookingNames.Sources.Contains(s)).When(x => x.Source is not null)
            .WithMessage($"source is one of {string.Join(", ", BookingNames.Sources)}.");
        RuleFor(x => x.CreatedTo).GreaterThan(x => x.CreatedFrom).When(x => x.CreatedFrom is not null && x.CreatedTo is not null)
            .WithMessage("createdTo is after createdFrom.");
    }
}
