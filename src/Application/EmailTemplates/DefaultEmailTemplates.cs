using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>
/// The emails every tenant sends until it writes its own. They use the single-brace placeholders admins know,
/// so an admin who starts from one edits what they would write themselves. The HTML is the body only: the
/// branded layout (logo, colors, footer) is put around it when the email is rendered.
/// </summary>
public static class DefaultEmailTemplates
{
    private const string Paragraph = "margin:0 0 16px 0;";
    private const string Small = "margin:0 0 16px 0;font-size:14px;line-height:20px;color:#4b5563;";

    // The person receiving the email, by their own name when the office recorded one (never the customer billed,
    // who may be someone else).
    private const string Greeting = "{{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}";

    public static EmailTemplateContent For(EmailTemplateKind kind) => kind switch
    {
        EmailTemplateKind.Invitation => Invitation,
        EmailTemplateKind.MagicLink => MagicLink,
        EmailTemplateKind.PasswordReset => PasswordReset,
        EmailTemplateKind.Invoice => Invoice,
        EmailTemplateKind.PaymentReceipt => PaymentReceipt,
        EmailTemplateKind.PaymentFailed => PaymentFailed,
        EmailTemplateKind.Estimate => Estimate,
        EmailTemplateKind.ProposalAccepted => ProposalAccepted,
        EmailTemplateKind.ProposalDecisionNotice => ProposalDecisionNotice,
        EmailTemplateKind.BookingRequested => BookingRequested,
        EmailTemplateKind.ReviewRequest => ReviewRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static EmailTemplateContent Invitation { get; } = new(
        "{CompanyName} invited you to your customer portal",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">{CompanyName} has set up a customer portal for you. It's one place to see the upcoming appointments, invoices and service history of {CustomerName}, whenever it suits you.</p>
        {{Button("{InvitationLink}", "Set up my account")}}
        <p style="{{Small}}">This invitation expires in {ExpiresInDays} days. If the button doesn't work, copy this link into your browser:<br><a href="{InvitationLink}" style="color:#1f2937;word-break:break-all;">{InvitationLink}</a></p>
        <p style="{{Small}}">Weren't expecting this? You can ignore this email.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        {CompanyName} has set up a customer portal for you. It's one place to see the upcoming appointments, invoices and service history of {CustomerName}, whenever it suits you.

        Set up your account here:
        {InvitationLink}

        This invitation expires in {ExpiresInDays} days. Weren't expecting this? You can ignore this email.

        {CompanyName}
        """);

    private static EmailTemplateContent MagicLink { get; } = new(
        "Your sign-in link for {CompanyName}",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">Here is your link to sign in to your customer portal. No password needed: just click the button.</p>
        {{Button("{MagicLink}", "Sign in")}}
        <p style="{{Small}}">The link works once and expires in {ExpiresInMinutes} minutes. If the button doesn't work, copy this link into your browser:<br><a href="{MagicLink}" style="color:#1f2937;word-break:break-all;">{MagicLink}</a></p>
        <p style="{{Small}}">Didn't ask to sign in? You can ignore this email; nobody can sign in without this link.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        Here is your link to sign in to your customer portal. No password needed: just open it.

        {MagicLink}

        The link works once and expires in {ExpiresInMinutes} minutes. Didn't ask to sign in? You can ignore this email; nobody can sign in without this link.

        {CompanyName}
        """);

    private static EmailTemplateContent PasswordReset { get; } = new(
        "Reset your customer portal password for {CompanyName}",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">We received a request to reset the password of your customer portal account ({RecipientEmail}).</p>
        {{Button("{ResetLink}", "Choose a new password")}}
        <p style="{{Small}}">The link expires in {ExpiresInMinutes} minutes. If the button doesn't work, copy this link into your browser:<br><a href="{ResetLink}" style="color:#1f2937;word-break:break-all;">{ResetLink}</a></p>
        <p style="{{Small}}">Didn't ask for this? You can ignore this email: your password stays the same.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        We received a request to reset the password of your customer portal account ({RecipientEmail}).

        Choose a new password here:
        {ResetLink}

        The link expires in {ExpiresInMinutes} minutes. Didn't ask for this? You can ignore this email: your password stays the same.

        {CompanyName}
        """);

    private static EmailTemplateContent Estimate { get; } = new(
        "Estimate {ProposalNumber} from {CompanyName}",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">Thank you for considering {CompanyName}. Estimate {ProposalNumber} for {CustomerName} is ready for you to review.</p>
        {{Button("{EstimateLink}", "View estimate")}}
        <p style="{{Small}}">The link opens the estimate and its options, no account needed, for {ExpiresInDays} days. If the button doesn't work, copy this link into your browser:<br><a href="{EstimateLink}" style="color:#1f2937;word-break:break-all;">{EstimateLink}</a></p>
        <p style="{{Small}}">Questions about this estimate? Just get in touch; we're happy to help.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        Thank you for considering {CompanyName}. Estimate {ProposalNumber} for {CustomerName} is ready for you to review.

        View it here (no account needed; the link works for {ExpiresInDays} days):
        {EstimateLink}

        Questions about this estimate? Just get in touch; we're happy to help.

        {CompanyName}
        """);

    private static EmailTemplateContent ProposalAccepted { get; } = new(
        "You accepted estimate {ProposalNumber} from {CompanyName}",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">Thank you! We received your acceptance of estimate {ProposalNumber} for {CustomerName}: <strong>{OptionName}</strong>, {Amount}, signed by {SignerName} on {DecidedAt}.</p>
        <p style="{{Paragraph}}">We'll be in touch to schedule the work. The signed estimate is in your customer portal.</p>
        {{Button("{CustomerPortalLink}", "Open my portal")}}
        <p style="{{Small}}">Didn't accept this estimate? Please contact us right away.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        Thank you! We received your acceptance of estimate {ProposalNumber} for {CustomerName}: {OptionName}, {Amount}, signed by {SignerName} on {DecidedAt}.

        We'll be in touch to schedule the work. The signed estimate is in your customer portal:
        {CustomerPortalLink}

        Didn't accept this estimate? Please contact us right away.

        {CompanyName}
        """);

    private static EmailTemplateContent ProposalDecisionNotice { get; } = new(
        "Estimate {ProposalNumber} was {Decision} by {CustomerName}",
        $$"""
        <p style="{{Paragraph}}">Estimate {ProposalNumber} for {CustomerName} was <strong>{Decision}</strong> on {DecidedAt}.</p>
        {{If("OptionName")}}<p style="{{Paragraph}}">Option: {OptionName}, {Amount}. Signed by {SignerName}.</p>{{EndIf}}
        {{If("DeclineReason")}}<p style="{{Paragraph}}">Reason given: {DeclineReason}</p>{{EndIf}}
        <p style="{{Small}}">The decision and its evidence are on the proposal in the back office's sync (customerDecision). Customer portal: <a href="{CustomerPortalLink}" style="color:#1f2937;word-break:break-all;">{CustomerPortalLink}</a></p>
        """,
        """
        Estimate {ProposalNumber} for {CustomerName} was {Decision} on {DecidedAt}.
        {{#if OptionName}}Option: {OptionName}, {Amount}. Signed by {SignerName}.{{/if}}
        {{#if DeclineReason}}Reason given: {DeclineReason}{{/if}}

        The decision and its evidence are on the proposal (customerDecision). Customer portal: {CustomerPortalLink}

        {CompanyName}
        """);

    private static EmailTemplateContent BookingRequested { get; } = new(
        "New {JobTypeName} request from {RequesterName}",
        $$"""
        <p style="{{Paragraph}}">{RequesterName} asked for <strong>{JobTypeName}</strong> through the {BookingSource} on {RequestedAt}.</p>
        <p style="{{Paragraph}}">Preferred days: {PreferredWindows}<br>Where: {ServiceAddress}</p>
        {{If("Description")}}<p style="{{Paragraph}}">"{Description}"</p>{{EndIf}}
        {{If("ContactPhone")}}<p style="{{Paragraph}}">Phone: {ContactPhone}</p>{{EndIf}}
        {{If("ContactEmail")}}<p style="{{Paragraph}}">Email: {ContactEmail}</p>{{EndIf}}
        <p style="{{Small}}">The request is new in the Bookings list (GET /v1/admin/bookings): schedule it in the back office, or dismiss it. Customer portal: <a href="{CustomerPortalLink}" style="color:#1f2937;word-break:break-all;">{CustomerPortalLink}</a></p>
        """,
        """
        {RequesterName} asked for {JobTypeName} through the {BookingSource} on {RequestedAt}.

        Preferred days: {PreferredWindows}
        Where: {ServiceAddress}
        {{#if Description}}"{Description}"{{/if}}
        {{#if ContactPhone}}Phone: {ContactPhone}{{/if}}
        {{#if ContactEmail}}Email: {ContactEmail}{{/if}}

        The request is new in the Bookings list: schedule it in the back office, or dismiss it. Customer portal: {CustomerPortalLink}

        {CompanyName}
        """);

    private static EmailTemplateContent ReviewRequest { get; } = new(
        "How did we do, {CustomerName}?",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">Thank you for choosing {CompanyName}. We finished job {JobNumber} on {CompletedOn}, and we'd love to know how it went.</p>
        {{Button("{CustomerPortalLink}", "Rate the visit")}}
        <p style="{{Small}}">It takes a minute: sign in to your customer portal and rate the job from 1 to 5, with a comment if you like. If the button doesn't work, copy this link into your browser:<br><a href="{CustomerPortalLink}" style="color:#1f2937;word-break:break-all;">{CustomerPortalLink}</a></p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        Thank you for choosing {CompanyName}. We finished job {JobNumber} on {CompletedOn}, and we'd love to know how it went.

        Rate the visit in your customer portal (it takes a minute):
        {CustomerPortalLink}

        {CompanyName}
        """);

    private static EmailTemplateContent Invoice { get; } = new(
        "Invoice {InvoiceNumber} from {CompanyName}",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">Thank you for choosing {CompanyName}. Invoice {InvoiceNumber} for {CustomerName} is ready; the balance due is <strong>{Balance}</strong>.</p>
        {{Button("{CustomerPortalLink}", "View invoice")}}
        <p style="{{Small}}">The link opens the invoice and its details, no account needed, for {ExpiresInDays} days. If the button doesn't work, copy this link into your browser:<br><a href="{CustomerPortalLink}" style="color:#1f2937;word-break:break-all;">{CustomerPortalLink}</a></p>
        <p style="{{Small}}">Questions about this invoice? Just get in touch; we're happy to help.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        Thank you for choosing {CompanyName}. Invoice {InvoiceNumber} for {CustomerName} is ready; the balance due is {Balance}.

        View it here (no account needed; the link works for {ExpiresInDays} days):
        {CustomerPortalLink}

        Questions about this invoice? Just get in touch; we're happy to help.

        {CompanyName}
        """);

    private static EmailTemplateContent PaymentReceipt { get; } = new(
        "Payment received: {Amount} to {CompanyName}",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">Thank you! We received your payment of <strong>{Amount}</strong> by {PaymentMethod} on {PaidAt} for invoice {InvoiceNumbers} ({CustomerName}).</p>
        {{Button("{CustomerPortalLink}", "View my invoices")}}
        <p style="{{Small}}">Keep this email as your receipt. Questions? Just get in touch; we're happy to help.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        Thank you! We received your payment of {Amount} by {PaymentMethod} on {PaidAt} for invoice {InvoiceNumbers} ({CustomerName}).

        See your invoices in your customer portal:
        {CustomerPortalLink}

        Keep this email as your receipt.

        {CompanyName}
        """);

    private static EmailTemplateContent PaymentFailed { get; } = new(
        "Your payment of {Amount} to {CompanyName} did not go through",
        $$"""
        <p style="{{Paragraph}}">{{Greeting}}</p>
        <p style="{{Paragraph}}">Your bank returned your payment of <strong>{Amount}</strong> for invoice {InvoiceNumbers} ({CustomerName}): {FailureReason} The invoice is open again.</p>
        {{Button("{CustomerPortalLink}", "Pay again")}}
        <p style="{{Small}}">You can pay with another account or a card in your customer portal, or get in touch and we'll help.</p>
        """,
        """
        {{#if RecipientName}}Hi {RecipientName},{{else}}Hello,{{/if}}

        Your bank returned your payment of {Amount} for invoice {InvoiceNumbers} ({CustomerName}): {FailureReason} The invoice is open again.

        Pay again in your customer portal:
        {CustomerPortalLink}

        {CompanyName}
        """);

    // A table cell carries the color: Outlook ignores padding and background on links.
    private const string EndIf = "{{/if}}";

    private static string If(string placeholder) => "{{#if " + placeholder + "}}";

    private static string Button(string link, string label) =>
        $$"""
        <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px 0;"><tr><td style="border-radius:6px;background-color:{PrimaryColor};"><a href="{{link}}" style="display:inline-block;padding:12px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:20px;color:#ffffff;text-decoration:none;border-radius:6px;">{{label}}</a></td></tr></table>
        """;
}
