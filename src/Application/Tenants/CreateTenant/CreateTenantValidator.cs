using FluentValidation;
using HeadlessPortal.Domain.Tenants;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Tenants.CreateTenant;

internal sealed class CreateTenantValidator : AbstractValidator<CreateTenantCommand>
{
    public CreateTenantValidator(IOptions<TenancyOptions> options)
    {
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("name is required.")
            .MaximumLength(Tenant.NameMaxLength).WithMessage($"name must be at most {Tenant.NameMaxLength} characters.");
        RuleFor(x => x.HostName).ValidHostName(options.Value);
        RuleFor(x => x.AccountSettings).ValidAccountSettings();
    }
}
