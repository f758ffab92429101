using FluentValidation;

namespace HeadlessPortal.Application.Webhooks.UpdateWebhookEndpoint;

internal sealed class UpdateWebhookEndpointValidator : AbstractValidator<UpdateWebhookEndpointCommand>
{
    public UpdateWebhookEndpointValidator() => this.AddEndpointRules(x => x.Body);
}
