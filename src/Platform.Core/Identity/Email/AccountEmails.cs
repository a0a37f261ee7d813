using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Platform.Identity.Users;

namespace Platform.Identity.Email;

/// <summary>The account emails and their links; Identity's tokens travel base64url-encoded.</summary>
public sealed class AccountEmails(IEmailSender sender, UserManager<PlatformUser> users, IOptions<EmailOptions> options)
{
    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public async Task SendConfirmationAsync(PlatformUser user, CancellationToken ct)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = $"{BaseUrl}/account/confirm-email?userId={user.Id}&code={Encode(token)}";
        await sender.SendAsync(new EmailMessage(user.Email!, "Confirm your email address",
            $"Welcome to the ticketing platform.\n\nConfirm your email address by opening this link:\n{link}\n"), ct);
    }

    public async Task SendPasswordResetAsync(PlatformUser user, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{BaseUrl}/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={Encode(token)}";
        await sender.SendAsync(new EmailMessage(user.Email!, "Reset your password",
            $"Someone asked to reset the password of this account. If it was you, open this link:\n{link}\n\nOtherwise ignore this email.\n"), ct);
    }

    public Task SendInvitationAsync(string email, string tenantName, string tenantSlug, string role, string token, CancellationToken ct)
    {
        var link = $"{BaseUrl}/account/accept-invitation?tenant={Uri.EscapeDataString(tenantSlug)}&token={Uri.EscapeDataString(token)}";
        return sender.SendAsync(new EmailMessage(email, $"You are invited to {tenantName}",
            $"You are invited to join {tenantName} as {role}.\n\nAccept the invitation here:\n{link}\n\nThe link is valid for 7 days.\n"), ct);
    }
}
