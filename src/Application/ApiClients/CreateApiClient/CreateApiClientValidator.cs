using FluentValidation;
using HeadlessPortal.Domain.ApiClients;

namespace HeadlessPortal.Application.ApiClients.CreateApiClient;

internal sealed class CreateApiClientValidator : AbstractValidator<CreateApiClientCommand>
{
    public CreateApiClientValidator()
    {
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("name is required.")
            .MaximumLength(ApiClient.NameMaxLength).WithMessage($"name must be at most {ApiClient.NameMaxLength} characters.");
        RuleFor(x => x.Role)
            .NotNull().WithMessage("role is required: admin, office or integration.")
            .IsInEnum().WithMessage("role must be admin, office or integration.");
        RuleFor(x => x.ClientId)
            .Matches("^[A-Za-z0-9_-]{3,64}$").When(x => x.ClientId is not null)
            .WithMessage("clientId has 3 to 64 letters, digits, '-' or '_'.");
        RuleFor(x => x.ClientSecret)
            .MinimumLength(32).When(x => x.ClientSecret is not null)
            .WithMessage("clientSecret must have at least 32 characters.")
            .MaximumLength(ApiClient.SecretMaxLength)
            .WithMessage($"clientSecret must have at most {ApiClient.SecretMaxLength} characters.");
    }
}
