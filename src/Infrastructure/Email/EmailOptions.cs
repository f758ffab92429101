using MimeKit;

namespace HeadlessPortal.Infrastructure.Email;

/// <summary>Configuration section "Email": how emails leave the portal.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>
    /// pickup (write each email as an .eml file; the default in Development and Testing) or smtp (send through
    /// <see cref="SmtpSettings"/>; the default elsewhere).
    /// </summary>
    public string? Delivery { get; set; }

    /// <summary>Where pickup delivery writes, relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>The sender address; each email shows its company's name beside it.</summary>
    public string FromAddress { get; set; } = "no-reply@portal.localhost";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>What is wrong with the settings, or null when they can work.</summary>
    public string? Problem()
    {
        if (Delivery is not (EmailDeliveries.Pickup or EmailDeliveries.Smtp))
        {
            return $"Email:Delivery must be '{EmailDeliveries.Pickup}' or '{EmailDeliveries.Smtp}', not '{Delivery}'.";
        }

        if (!MailboxAddress.TryParse(FromAddress, out var from) || from.Address != FromAddress || !string.IsNullOrEmpty(from.Name) || from.Domain.Length == 0)
        {
            return $"Email:FromAddress must be a plain email address, such as no-reply@portal.example.com; '{FromAddress}' is not.";
        }

        if (Delivery == EmailDeliveries.Smtp && string.IsNullOrWhiteSpace(Smtp.Host))
        {
            return "Email:Delivery is smtp (the default outside Development and Testing) but Email:Smtp:Host is not set. " +
                "Set Email__Smtp__Host (and Port, StartTls, Username, Password as needed), or Email__Delivery=pickup to write emails to files instead.";
        }

        return Smtp.Port is < 1 or > 65535 ? "Email:Smtp:Port must be between 1 and 65535." : null;
    }
}

/// <summary>The values of Email:Delivery.</summary>
public static class EmailDeliveries
{
    /// <summary>Each email is written to the pickup directory as an .eml file.</summary>
    public const string Pickup = "pickup";

    /// <summary>Each email is sent through the SMTP server of Email:Smtp.</summary>
    public const string Smtp = "smtp";
}

/// <summary>Configuration section "Email:Smtp".</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// Upgrade the connection with STARTTLS before authenticating and sending, and fail when the server does not offer it
    /// (MailKit's SecureSocketOptions.StartTls); false sends over a plain connection (SecureSocketOptions.None).
    /// </summary>
    public bool StartTls { get; set; } = true;

    /// <summary>Leave unset for a relay that needs no authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }
}
