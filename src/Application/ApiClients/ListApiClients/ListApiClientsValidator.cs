using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.ApiClients.ListApiClients;

internal sealed class ListApiClientsValidator : FluentValidation.AbstractValidator<ListApiClientsQuery>
{
    public ListApiClientsValidator() => this.AddPageRules();
}
