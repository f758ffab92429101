using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Webhooks.ListWebhookEndpoints;

internal sealed class ListWebhookEndpointsValidator : FluentValidation.AbstractValidator<ListWebhookEndpointsQuery>
{
    public ListWebhookEndpointsValidator() => this.AddPageRules();
}
