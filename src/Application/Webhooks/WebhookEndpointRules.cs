using FluentValidation;
using HeadlessPortal.Application.Common.Errors;
using HeadlessPortal.Domain.Webhooks;

namespace HeadlessPortal.Application.Webhooks;

/// <summary>Rules shared by creating and changing an endpoint.</summary>
internal static class WebhookEndpointRules
{
    public static void AddEndpointRules<T>(this AbstractValidator<T> validator, Func<T, WebhookEndpointRequest?> body)
    {
        validator.RuleFor(x => body(x)).NotNull().WithName("body").WithMessage("A JSON body { url, eventTypes, description? } is required.");
        validator.RuleFor(x => body(x)!.Url).Cascade(CascadeMode.Stop)
            .NotEmpty().WithName("url").WithMessage("url is required.")
            .MaximumLength(WebhookEndpoint.UrlMaxLength).WithMessage($"url must be at most {WebhookEndpoint.UrlMaxLength} characters.")
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out _)).WithMessage("url must be an absolute URL.")
            .When(x => body(x) is not null);
        validator.RuleFor(x => body(x)!.EventTypes).Cascade(CascadeMode.Stop)
            .NotEmpty().WithName("eventTypes").WithMessage("eventTypes must list at least one event type.")
            .Must(t => t!.Count <= WebhookEndpoint.MaxEventTypes).WithMessage($"eventTypes lists at most {WebhookEndpoint.MaxEventTypes} event types.")
            .Must(t => t!.All(WebhookEventTypes.IsKnown))
            .WithMessage(x => "eventTypes may hold only these: " + string.Join(", ", WebhookEventTypes.All) + ". Unknown: " +
                string.Join(", ", body(x)!.EventTypes!.Where(t => !WebhookEventTypes.IsKnown(t))) + ".")
            .When(x => body(x) is not null);
        validator.RuleFor(x => body(x)!.Description)
            .MaximumLength(WebhookEndpoint.DescriptionMaxLength).WithName("description")
            .WithMessage($"description must be at most {WebhookEndpoint.DescriptionMaxLength} characters.")
            .When(x => body(x) is not null);
    }

    /// <summary>The URL's problem as a 422 with a code and the field, or null when the target policy allows it.</summary>
    public static async Task<Error?> CheckUrlAsync(IWebhookTargetPolicy policy, string url, CancellationToken ct)
    {
        if (await policy.CheckAsync(new Uri(url, UriKind.Absolute), ct) is not { } problem)
        {
            return null;
        }

        return Error.Unprocessable(problem.Code, problem.Message) with { Fields = new Dictionary<string, string[]> { ["url"] = [problem.Message] } };
    }
}
