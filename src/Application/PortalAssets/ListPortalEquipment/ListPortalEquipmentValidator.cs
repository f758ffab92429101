using FluentValidation;
using HeadlessPortal.Application.Common.Paging;
using HeadlessPortal.Domain.Assets;

namespace HeadlessPortal.Application.PortalAssets.ListPortalEquipment;

internal sealed class ListPortalEquipmentValidator : AbstractValidator<ListPortalEquipmentQuery>
{
    public ListPortalEquipmentValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Type).MaximumLength(EquipmentDescription.TextMaxLength);
        RuleFor(x => x.Serial)
            .MaximumLength(EquipmentDescription.TextMaxLength)
            .Must(s => SerialSearch.Key(s) is not null).WithMessage("serial must contain a letter or a digit.")
            .When(x => x.Serial is not null);
    }
}
