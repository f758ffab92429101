using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalJobs.ListPortalLocations;

internal sealed class ListPortalLocationsValidator : AbstractValidator<ListPortalLocationsQuery>
{
    public ListPortalLocationsValidator() => this.AddPageRules();
}
