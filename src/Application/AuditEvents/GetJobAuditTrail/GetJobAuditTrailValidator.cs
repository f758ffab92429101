using FluentValidation;
using HeadlessPortal.Application.Common.Paging;

namespace HeadlessPortal.Application.AuditEvents.GetJobAuditTrail;

internal sealed class GetJobAuditTrailValidator : AbstractValidator<GetJobAuditTrailQuery>
{
    public GetJobAuditTrailValidator() => this.AddPageRules();
}
