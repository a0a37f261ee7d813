using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Email;
using Platform.Identity.Users;

namespace Platform.Api.Pages.Account;

[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<PlatformUser> users) : AccountPage
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountEmails.Decode(code);
        var user = userId is null || token is null ? null : await users.FindByIdAsync(userId);
        if (user is not null && (await users.ConfirmEmailAsync(user, token!)).Succeeded)
        {
            Confirmed = true;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
