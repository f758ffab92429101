using System.Text.Json;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Application.EmailTemplates;

/// <summary>A value an email template can show.</summary>
/// <param name="Name">As written in a template: {Name} or {{Name}}.</param>
/// <param name="Description">What it holds.</param>
public sealed record EmailPlaceholder(string Name, string Description);

/// <summary>Subject, HTML body and text body of an email template, as written (placeholders not yet filled in).</summary>
public sealed record EmailTemplateContent(string Subject, string Html, string Text);

/// <summary>The emails the portal sends: their API names, the placeholders each offers, and sample values for previews.</summary>
public static class EmailTemplateCatalog
{
    public const string CompanyName = "CompanyName";
    public const string PortalName = "PortalName";
    public const string RecipientName = "RecipientName";
    public const string PortalUrl = "PortalUrl";
    public const string RecipientEmail = "RecipientEmail";
    public const string LogoUrl = "LogoUrl";
    public const string PrimaryColor = "PrimaryColor";
    public const string CustomerName = "CustomerName";
    public const string InvitationLink = "InvitationLink";
    public const string ExpiresInDays = "ExpiresInDays";
    public const string MagicLink = "MagicLink";
    public const string ExpiresInMinutes = "ExpiresInMinutes";
    public const string ResetLink = "ResetLink";
    public const string InvoiceNumber = "InvoiceNumber";
    public const string Balance = "Balance";
    public const string CustomerPortalLink = "CustomerPortalLink";
    public const string Amount = "Amount";
    public const string InvoiceNumbers = "InvoiceNumbers";
    public const string PaymentMethod = "PaymentMethod";
    public const string PaidAt = "PaidAt";
    public const string FailureReason = "FailureReason";
    public const string DueDate = "DueDate";
    public const string ProposalNumber = "ProposalNumber";
    public const string EstimateLink = "EstimateLink";
    public const string OptionName = "OptionName";
    public const string SignerName = "SignerName";
    public const string DecidedAt = "DecidedAt";
    public const string Decision = "Decision";
    public const string DeclineReason = "DeclineReason";
    public const string RequesterName = "RequesterName";
    public const string JobTypeName = "JobTypeName";
    public const string BookingSource = "BookingSource";
    public const string PreferredWindows = "PreferredWindows";
    public const string Description = "Description";
    public const string ContactPhone = "ContactPhone";
    public const string ContactEmail = "ContactEmail";
    public const string ServiceAddress = "ServiceAddress";
    public const string RequestedAt = "RequestedAt";
    public const string JobNumber = "JobNumber";
    public const string CompletedOn = "CompletedOn";

    /// <summary>The recipient of previews.</summary>
    public const string SampleRecipient = "jordan.smith@example.com";

    private static readonly EmailPlaceholder[] Always =
    [
        new(CompanyName, "The company's name (its account's display name); also the sender's name."),
        new(PortalName, "The customer portal's name: its display name, or the company's name when the portal has none."),
        new(RecipientName, "The name of the person the email is sent to, from their portal contact; empty when the office recorded none."),
        new(PortalUrl, "The address of the customer portal."),
        new(RecipientEmail, "The email address the message is sent to."),
        new(LogoUrl, "The company logo's address; empty when there is no logo."),
        new(PrimaryColor, "The brand color, #RRGGBB (a neutral slate when none is set); for buttons and accents."),
    ];

    private static readonly Dictionary<EmailTemplateKind, EmailPlaceholder[]> Specific = new()
    {
        [EmailTemplateKind.Invitation] =
        [
            new(CustomerName, "The name of the customer record the invitation is for (the person invited may not be that customer)."),
            new(InvitationLink, "The link that accepts the invitation and sets up the portal account."),
            new(ExpiresInDays, "Days until the invitation link expires."),
        ],
        [EmailTemplateKind.MagicLink] =
        [
            new(MagicLink, "The one-time sign-in link."),
            new(ExpiresInMinutes, "Minutes until the sign-in link expires."),
        ],
        [EmailTemplateKind.PasswordReset] =
        [
            new(ResetLink, "The link that sets a new password."),
            new(ExpiresInMinutes, "Minutes until the reset link expires."),
        ],
        [EmailTemplateKind.Invoice] =
        [
            new(CustomerName, "The name of the invoice's Bill-To customer (the recipient may be someone else, such as a property manager)."),
            new(InvoiceNumber, "The invoice's number."),
            new(Balance, "The amount due, with its currency, such as $245.00."),
            new(DueDate, "The date payment is due, such as December 14, 2026; empty when the invoice has none."),
            new(CustomerPortalLink, "The invoice's payment link: it opens the invoice, and pays it, without signing in."),
            new(ExpiresInDays, "Days until the payment link expires."),
        ],
        [EmailTemplateKind.PaymentReceipt] =
        [
            new(CustomerName, "The name of the customer billed (the person who paid may be someone else)."),
            new(Amount, "The amount paid, with its currency, such as $245.00."),
            new(InvoiceNumbers, "The invoices paid, such as INV-1042, INV-1043."),
            new(PaymentMethod, "How it was paid: card or bank account."),
            new(PaidAt, "When it was paid, in the company's time zone."),
            new(CustomerPortalLink, "The link to the customer portal."),
        ],
        [EmailTemplateKind.PaymentFailed] =
        [
            new(CustomerName, "The name of the customer billed."),
            new(Amount, "The amount of the failed payment, with its currency."),
            new(InvoiceNumbers, "The invoices it was for; they are open again."),
            new(FailureReason, "Why the bank refused the payment."),
            new(CustomerPortalLink, "The link to the customer portal, to pay again."),
        ],
        [EmailTemplateKind.Estimate] =
        [
            new(CustomerName, "The name of the customer the estimate is for (the recipient may be someone else, such as a property manager)."),
            new(ProposalNumber, "The estimate's number."),
            new(EstimateLink, "The estimate link: it opens the estimate without signing in."),
            new(ExpiresInDays, "Days until the estimate link expires."),
        ],
        [EmailTemplateKind.ProposalAccepted] =
        [
            new(CustomerName, "The name of the customer the estimate is for."),
            new(ProposalNumber, "The estimate's number."),
            new(OptionName, "The option accepted, such as Better."),
            new(Amount, "The accepted option's total, with its currency."),
            new(SignerName, "The name the signer typed or printed."),
            new(DecidedAt, "When it was accepted, in the company's time zone."),
            new(CustomerPortalLink, "The link to the customer portal, where the signed estimate can be downloaded."),
        ],
        [EmailTemplateKind.ProposalDecisionNotice] =
        [
            new(CustomerName, "The name of the customer the estimate is for."),
            new(ProposalNumber, "The estimate's number."),
            new(Decision, "accepted or declined."),
            new(OptionName, "The option accepted; empty for a decline."),
            new(Amount, "The accepted option's total, with its currency; empty for a decline."),
            new(SignerName, "The name the signer typed or printed; empty for a decline."),
            new(DeclineReason, "The reason given with a decline; empty when none."),
            new(DecidedAt, "When, in the company's time zone."),
            new(CustomerPortalLink, "The link to the customer portal."),
        ],
        [EmailTemplateKind.BookingRequested] =
        [
            new(RequesterName, "Who asked: the customer's name (portal), or the name the website visitor gave."),
            new(JobTypeName, "The job type asked for, such as Repair."),
            new(BookingSource, "portal or website."),
            new(PreferredWindows, "The preferred days, such as Dec 8 – Dec 9, 2026; Dec 12, 2026."),
            new(Description, "What the customer described; empty when nothing."),
            new(ContactPhone, "The number to call back; empty when none was given."),
            new(ContactEmail, "The website visitor's email; empty for portal requests."),
            new(ServiceAddress, "Where the work is: the location's or the visitor's address."),
            new(RequestedAt, "When it was sent, in the company's time zone."),
            new(CustomerPortalLink, "The link to the customer portal."),
        ],
        [EmailTemplateKind.ReviewRequest] =
        [
            new(CustomerName, "The name of the customer the work was done for."),
            new(JobNumber, "The job's number."),
            new(CompletedOn, "The day the work was completed, in the company's time zone, such as December 4, 2026."),
            new(CustomerPortalLink, "The link to the customer portal, where My Tasks asks for the review."),
        ],
    };

    /// <summary>Placeholders whose values are addresses: they must be absolute http(s) URLs, so they are safe in href and src.</summary>
    private static readonly HashSet<string> Urls = new(StringComparer.Ordinal) { PortalUrl, LogoUrl, InvitationLink, MagicLink, ResetLink, CustomerPortalLink, EstimateLink };

    private static readonly Dictionary<string, EmailTemplateKind> ByKey =
        Enum.GetValues<EmailTemplateKind>().ToDictionary(Key, k => k, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<EmailTemplateKind> Kinds { get; } = Enum.GetValues<EmailTemplateKind>();

    /// <summary>The kind's name in URLs, JSON and storage: invitation, magicLink, passwordReset, invoice.</summary>
    public static string Key(EmailTemplateKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>Reads a kind's API name (any letter case); numbers and unknown names are not kinds.</summary>
    public static bool TryParse(string? key, out EmailTemplateKind kind) => ByKey.TryGetValue(key ?? string.Empty, out kind);

    public static string KindList() => string.Join(", ", Kinds.Select(Key));

    /// <summary>Everything a template of this kind may use: the kind's own values first, then those every email has.</summary>
    public static IReadOnlyList<EmailPlaceholder> Placeholders(EmailTemplateKind kind) => [.. Specific[kind], .. Always];

    /// <summary>The placeholder a template of this kind cannot do without: the link the customer acts on.</summary>
    public static string LinkPlaceholder(EmailTemplateKind kind) => kind switch
    {
        EmailTemplateKind.Invitation => InvitationLink,
        EmailTemplateKind.MagicLink => MagicLink,
        EmailTemplateKind.PasswordReset => ResetLink,
        EmailTemplateKind.Invoice or EmailTemplateKind.PaymentReceipt or EmailTemplateKind.PaymentFailed
            or EmailTemplateKind.ProposalAccepted or EmailTemplateKind.ProposalDecisionNotice or EmailTemplateKind.BookingRequested
            or EmailTemplateKind.ReviewRequest => CustomerPortalLink,
        EmailTemplateKind.Estimate => EstimateLink,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool IsUrl(string placeholder) => Urls.Contains(placeholder);

    /// <summary>Believable values for a preview; links point into the tenant's own portal.</summary>
    public static IReadOnlyDictionary<string, string> SampleValues(EmailTemplateKind kind, string portalUrl, string currency, PortalSettings.PortalLinkPaths? links = null)
        => new Dictionary<string, string>(KindSampleValues(kind, portalUrl, currency, links)) { [RecipientName] = "Jordan Smith" };

    private static Dictionary<string, string> KindSampleValues(EmailTemplateKind kind, string portalUrl, string currency, PortalSettings.PortalLinkPaths? links)
    {
        var portal = portalUrl.TrimEnd('/');
        links ??= new PortalSettings.PortalLinkPaths();
        return kind switch
        {
            EmailTemplateKind.Invitation => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [InvitationLink] = portal + links.AcceptInvitationPath + "?token=sample-invitation-token",
                [ExpiresInDays] = "7",
            },
            EmailTemplateKind.MagicLink => new Dictionary<string, string>
            {
                [MagicLink] = portal + links.MagicLinkPath + "?token=sample-sign-in-token",
                [ExpiresInMinutes] = "10",
            },
            EmailTemplateKind.PasswordReset => new Dictionary<string, string>
            {
                [ResetLink] = portal + links.PasswordResetPath + "?token=sample-reset-token",
                [ExpiresInMinutes] = "30",
            },
            EmailTemplateKind.Invoice => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [InvoiceNumber] = "INV-1042",
                [Balance] = MoneyText.Format(24500, currency),
                [DueDate] = "December 14, 2026",
                [CustomerPortalLink] = portal + links.PaymentLinkPath + "?token=sample-payment-link-token",
                [ExpiresInDays] = "30",
            },
            EmailTemplateKind.PaymentReceipt => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [Amount] = MoneyText.Format(24500, currency),
                [InvoiceNumbers] = "INV-1042",
                [PaymentMethod] = "card",
                [PaidAt] = "November 22, 2026 2:03 PM",
                [CustomerPortalLink] = portal,
            },
            EmailTemplateKind.PaymentFailed => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [Amount] = MoneyText.Format(24500, currency),
                [InvoiceNumbers] = "INV-1042",
                [FailureReason] = "The bank account has insufficient funds.",
                [CustomerPortalLink] = portal,
            },
            EmailTemplateKind.Estimate => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [ProposalNumber] = "EST-3310",
                [EstimateLink] = portal + links.EstimateLinkPath + "?token=sample-estimate-link-token",
                [ExpiresInDays] = "30",
            },
            EmailTemplateKind.ProposalAccepted => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [ProposalNumber] = "EST-3310",
                [OptionName] = "Better",
                [Amount] = MoneyText.Format(689000, currency),
                [SignerName] = "Jordan Smith",
                [DecidedAt] = "December 4, 2026 9:42 AM",
                [CustomerPortalLink] = portal,
            },
            EmailTemplateKind.ProposalDecisionNotice => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [ProposalNumber] = "EST-3310",
                [Decision] = "accepted",
                [OptionName] = "Better",
                [Amount] = MoneyText.Format(689000, currency),
                [SignerName] = "Jordan Smith",
                [DeclineReason] = string.Empty,
                [DecidedAt] = "December 4, 2026 9:42 AM",
                [CustomerPortalLink] = portal,
            },
            EmailTemplateKind.BookingRequested => new Dictionary<string, string>
            {
                [RequesterName] = "Smith Family Trust",
                [JobTypeName] = "Repair",
                [BookingSource] = "portal",
                [PreferredWindows] = "Dec 8 – Dec 9, 2026; Dec 12, 2026",
                [Description] = "The upstairs unit blows warm air.",
                [ContactPhone] = "+15555550123",
                [ContactEmail] = string.Empty,
                [ServiceAddress] = "1 Main St, Springfield, IL 62701, US",
                [RequestedAt] = "December 4, 2026 9:42 AM",
                [CustomerPortalLink] = portal,
            },
            EmailTemplateKind.ReviewRequest => new Dictionary<string, string>
            {
                [CustomerName] = "Smith Family Trust",
                [JobNumber] = "J-20418",
                [CompletedOn] = "December 4, 2026",
                [CustomerPortalLink] = portal,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
