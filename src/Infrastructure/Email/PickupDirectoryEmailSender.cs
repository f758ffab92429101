using HeadlessPortal.Application.Common.Interfaces;
using HeadlessPortal.Application.Messaging;

namespace HeadlessPortal.Infrastructure.Email;

/// <summary>
/// Delivers by writing each email to a directory as <c>{messageId}.eml</c> (MimeKit's <c>WriteTo</c> of the message
/// SMTP would carry), for development and tests (open the files with any mail client). The file is written under a
/// temporary name and renamed, so a reader never sees half an email; delivering the same message again replaces its
/// file, so there is one file per message.
/// </summary>
internal sealed class PickupDirectoryEmailSender(string directory, EmailOptions options, IClock clock) : IEmailSender
{
    public string Directory { get; } = directory;

    public async Task SendAsync(OutgoingEmail email, Guid messageId, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var content = await EmailMessages.ToFileAsync(EmailMessages.Create(email, messageId, options.FromAddress, clock.UtcNow), cancellationToken);
        var target = Path.Combine(Directory, $"{messageId:D}.eml");
        var temporary = Path.Combine(Directory, $".{messageId:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
