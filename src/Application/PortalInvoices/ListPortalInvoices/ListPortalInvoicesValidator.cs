using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalInvoices.ListPortalInvoices;

internal sealed class ListPortalInvoicesValidator : AbstractValidator<ListPortalInvoicesQuery>
{
    public ListPortalInvoicesValidator()
    {
        RuleFor(x => x.Limit)
            .InclusiveBetween(1, PageLimits.Max)
            .When(x => x.Limit.HasValue)
            .WithMessage($"limit must be between 1 and {PageLimits.Max}.");
        RuleFor(x => x.After)
            .Must(after => InvoiceKey.TryDecode(after, out _))
            .When(x => x.After is not null)
            .WithMessage("after must be a nextCursor value returned by this list.");
        RuleFor(x => x.Status)
            .Must(s => s is PortalInvoiceStatus.Open or PortalInvoiceStatus.Paid or PortalInvoiceStatus.All)
            .When(x => x.Status is not null)
            .WithMessage("status must be open, paid or all.");
    }
}
