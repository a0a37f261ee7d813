using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Email;
using Platform.Identity.Users;

namespace Platform.Api.Pages.Account;

/// <summary>Always answers the same, whether or not the account exists; only a real, confirmed account gets mail.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<PlatformUser> users, AccountEmails emails) : AccountPage
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is { IsDisabled: false } && await users.IsEmailConfirmedAsync(user))
        {
            await emails.SendPasswordResetAsync(user, HttpContext.RequestAborted);
        }

        Sent = true;
        return Page();
    }
}
