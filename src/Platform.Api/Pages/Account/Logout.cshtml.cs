using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Users;

namespace Platform.Api.Pages.Account;

/// <summary>
/// Sign-out. GET only shows the state (a link must not sign anyone out: that would be a cross-site request); the
/// POST, with its antiforgery token, deletes the cookie and rotates the security stamp, so a copy of the old cookie
/// (another tab, a stolen one) no longer signs in either: the cookie handler checks the stamp on every request
/// (see AuthenticationExtensions). That ends the person's other browser sessions too, which is the safe side.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<PlatformUser> signIn, UserManager<PlatformUser> users) : AccountPage
{
    public bool SignedIn { get; private set; }

    public string? Email { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await CookieUserAsync();
        SignedIn = user is not null;
        Email = user?.Email;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CookieUserAsync() is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        // Post/redirect/get: the page the browser lands on reads the (now absent) cookie again.
        return RedirectToPage();
    }

    /// <summary>The page is anonymous, so the request's default (bearer) scheme did not read the sign-in cookie: read it here.</summary>
    private async Task<PlatformUser?> CookieUserAsync()
    {
        var cookie = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
    }
}
