using FluentValidation;
using HeadlessPortal.Domain.Common;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Application.Common.Validation;

namespace HeadlessPortal.Application.PortalSettings.UpdatePortalSettings;

internal sealed class UpdatePortalSettingsValidator : AbstractValidator<UpdatePortalSettingsCommand>
{
    public UpdatePortalSettingsValidator()
    {
        RuleFor(x => x.Enabled).NotNull().WithMessage("enabled is required.");
        RuleFor(x => x.PublicReviewUrl).MaximumLength(ContactRules.UrlMaxLength)
            .Must(v => string.IsNullOrEmpty(v) || ContactRules.IsPublicHttpsUrl(v)).WithMessage("publicReviewUrl must be an absolute https URL of a public host.");
        RuleFor(x => x.AppointmentTimeDisplay).NotNull().WithMessage("appointmentTimeDisplay is required: arrivalWindow or dateOnly.").IsInEnum();
        RuleFor(x => x.VisibleAgreementStatuses).NotNull().WithMessage("visibleAgreementStatuses is required (it may be empty).");
        RuleForEach(x => x.VisibleAgreementStatuses).IsInEnum();
        RuleFor(x => x.VisibleBusinessUnitIds).NotNull().WithMessage("visibleBusinessUnitIds is required (empty means all business units).")
            .MaxItems(Domain.Portal.PortalSettings.MaxVisibleBusinessUnits)
            .WithMessage($"visibleBusinessUnitIds lists at most {Domain.Portal.PortalSettings.MaxVisibleBusinessUnits} ids.");
        RuleForEach(x => x.VisibleBusinessUnitIds).NotEmpty().MaximumLength(Limits.ExternalIdMaxLength);
        RuleFor(x => x.SignInMethods).NotNull().WithMessage("signInMethods is required.")
            .Must(m => m is null || m.Count > 0).WithMessage("Keep at least one sign-in method.");
        RuleForEach(x => x.SignInMethods).IsInEnum();
        RuleFor(x => x.Features).NotNull().WithMessage("features is required.");
        RuleFor(x => x.Features!).ChildRules(f =>
        {
            f.RuleFor(x => x.InvoicePayment).NotNull().WithMessage("invoicePayment is required.");
            f.RuleFor(x => x.PartialPayments).NotNull().WithMessage("partialPayments is required.");
            f.RuleFor(x => x.SavedPaymentMethods).NotNull().WithMessage("savedPaymentMethods is required.");
            f.RuleFor(x => x.EstimateApproval).NotNull().WithMessage("estimateApproval is required.");
            f.RuleFor(x => x.ReviewCollection).NotNull().WithMessage("reviewCollection is required.");
            f.RuleFor(x => x.JobBooking).NotNull().WithMessage("jobBooking is required.");
            f.RuleFor(x => x.SelfScheduling).NotNull().WithMessage("selfScheduling is required.");
            f.RuleFor(x => x.ShowCanceledJobs).NotNull().WithMessage("showCanceledJobs is required.");
            f.RuleFor(x => x.ShowUnscheduledAgreementVisits).NotNull().WithMessage("showUnscheduledAgreementVisits is required.");
        }).When(x => x.Features is not null);
        RuleFor(x => x.SmsNotifications).NotNull().WithMessage("smsNotifications is required.");
        RuleFor(x => x.SmsNotifications!).ChildRules(s =>
        {
            s.RuleFor(x => x.JobBooked).NotNull().WithMessage("jobBooked is required.");
            s.RuleFor(x => x.TechnicianDispatched).NotNull().WithMessage("technicianDispatched is required.");
            s.RuleFor(x => x.TechnicianEnRoute).NotNull().WithMessage("technicianEnRoute is required.");
            s.RuleFor(x => x.WorkComplete).NotNull().WithMessage("workComplete is required.");
            s.RuleFor(x => x.InvoiceSent).NotNull().WithMessage("invoiceSent is required.");
            s.RuleFor(x => x.ReviewRequest).NotNull().WithMessage("reviewRequest is required.");
        }).When(x => x.SmsNotifications is not null);
        RuleFor(x => x.EmailNotifications).NotNull().WithMessage("emailNotifications is required.");
        RuleFor(x => x.EmailNotifications!.ReviewRequest).NotNull().WithMessage("emailNotifications.reviewRequest is required.").When(x => x.EmailNotifications is not null);
        RuleFor(x => x.OnlinePayments).NotNull().WithMessage("onlinePayments is required.");
        RuleFor(x => x.OnlinePayments!.Enabled).NotNull().WithMessage("onlinePayments.enabled is required.").When(x => x.OnlinePayments is not null);
        RuleFor(x => x.Branding).NotNull().WithMessage("branding is required (its fields may be null).");
        RuleFor(x => x.Branding!).ChildRules(b =>
        {
            b.RuleFor(x => x.DisplayName)
                .Must(v => v is null || (v.Trim().Length is > 0 and <= PortalBranding.DisplayNameMaxLength))
                .WithMessage($"displayName has 1 to {PortalBranding.DisplayNameMaxLength} characters, or is null to use the account's name.");
            b.RuleFor(x => x.LogoUrl)
                .Must(v => string.IsNullOrEmpty(v) || ContactRules.IsPublicHttpsUrl(v))
                .WithMessage("logoUrl must be an absolute https URL on a public host (not localhost or a private address).");
            b.RuleFor(x => x.PrimaryColor)
                .Must(v => string.IsNullOrEmpty(v) || ContactRules.IsHexColor(v))
                .WithMessage("primaryColor must be written #RRGGBB.");
        }).When(x => x.Branding is not null);
    }
}
