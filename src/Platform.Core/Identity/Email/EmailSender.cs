using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Identity.Email;

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Sends the platform's emails (confirmation, password reset, invitations).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>
/// One sender for both modes: System.Net.Mail writes an RFC 5322 .eml file per message into the pickup folder (the
/// embedded default, read by people and tests) or delivers it through the configured SMTP server.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var mail = new MailMessage(o.From, message.To, message.Subject, message.Body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
        };
        using var client = new SmtpClient();
        if (string.Equals(o.Mode, "Smtp", StringComparison.OrdinalIgnoreCase))
        {
            client.Host = o.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is required in Smtp mode.");
            client.Port = o.SmtpPort;
            client.EnableSsl = o.SmtpEnableSsl;
            if (o.SmtpUserName is not null)
            {
                client.Credentials = new NetworkCredential(o.SmtpUserName, o.SmtpPassword);
            }
        }
        else
        {
            var directory = Path.GetFullPath(o.PickupDirectory);
            Directory.CreateDirectory(directory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = directory;
        }

        await client.SendMailAsync(mail, ct);
    }
}
