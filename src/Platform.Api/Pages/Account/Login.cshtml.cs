using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Users;

namespace Platform.Api.Pages.Account;

/// <summary>
/// Password sign-in. Every failure (unknown email, wrong password, unconfirmed email, disabled or locked-out
/// account) shows the same message, so the page never tells whether an account exists. Failures count towards
/// lockout (5 in a row lock the account for 15 minutes).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<PlatformUser> signIn, UserManager<PlatformUser> users) : AccountPage
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is { IsDisabled: false } && !string.IsNullOrEmpty(Password))
        {
            var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
            }

            if (result.RequiresTwoFactor)
            {
                return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
            }
        }
        else if (!string.IsNullOrEmpty(Password))
        {
            // Spend the same hashing work as a real check, so timing does not tell whether the account exists.
            users.PasswordHasher.HashPassword(new PlatformUser(), Password);
        }

        Error = T["login.failed"];
        return Page();
    }

    internal static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        returnUrl is not null && url.IsLocalUrl(returnUrl) ? returnUrl : "/account/two-factor";
}
