using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.PortalJobs.ListPortalJobs;

internal sealed class ListPortalJobsValidator : AbstractValidator<ListPortalJobsQuery>
{
    public ListPortalJobsValidator()
    {
        this.AddPageRules();
        RuleFor(x => x.Tab)
            .Must(tab => tab is not null && ListPortalJobsQuery.Tabs.ContainsKey(tab))
            .WithMessage("tab is required: inProgress, onHold, upcoming, completed or canceled.");
    }
}
