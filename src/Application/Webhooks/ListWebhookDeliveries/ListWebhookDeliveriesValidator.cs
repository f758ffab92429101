using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Webhooks.ListWebhookDeliveries;

internal sealed class ListWebhookDeliveriesValidator : FluentValidation.AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Status)
            .Must(s => s is "pending" or "succeeded" or "failed").When(x => x.Status is not null)
            .WithMessage("status must be pending, succeeded or failed.");
    }
}
