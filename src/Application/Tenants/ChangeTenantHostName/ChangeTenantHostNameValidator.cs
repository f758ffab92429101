using FluentValidation;
using Microsoft.Extensions.Options;

namespace HeadlessPortal.Application.Tenants.ChangeTenantHostName;

internal sealed class ChangeTenantHostNameValidator : AbstractValidator<ChangeTenantHostNameCommand>
{
    public ChangeTenantHostNameValidator(IOptions<TenancyOptions> options) =>
        RuleFor(x => x.HostName).ValidHostName(options.Value);
}
