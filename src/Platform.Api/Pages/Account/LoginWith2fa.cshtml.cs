using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Users;

namespace Platform.Api.Pages.Account;

/// <summary>The second step for accounts with TOTP enabled; wrong codes count towards lockout too.</summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<PlatformUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || user.IsDisabled)
        {
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(LoginModel.SafeReturnUrl(Url, ReturnUrl));
        }

        Error = "The code is not correct, or the account cannot sign in right now.";
        return Page();
    }
}
