using FluentValidation;

namespace HeadlessPortal.Application.Webhooks.CreateWebhookEndpoint;

internal sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpointCommand>
{
    public CreateWebhookEndpointValidator() => this.AddEndpointRules(x => x.Body);
}
