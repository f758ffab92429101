using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.Imports.ListImports;

internal sealed class ListImportsValidator : AbstractValidator<ListImportsQuery>
{
    public ListImportsValidator() => this.AddPageRules();
}
