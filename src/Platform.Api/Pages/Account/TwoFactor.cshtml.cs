using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Users;

namespace Platform.Api.Pages.Account;

/// <summary>Turns optional TOTP two-factor sign-in on (after proving a code) or off. Needs the sign-in cookie.</summary>
public sealed class TwoFactorModel(UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn) : AccountPage
{
    public string? Email { get; private set; }

    public bool Enabled { get; private set; }

    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The authenticator URI as an inline SVG QR code (no script, no image request; CSP allows it as markup).</summary>
    public string? QrSvg { get; private set; }

    /// <summary>Single-use recovery codes, made when two-factor is turned on and shown only in that answer.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            // A lost phone must not lock the person out of the console: ten one-time codes, stored hashed by Identity.
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
            await signIn.RefreshSignInAsync(user);
            Enabled = true;
            Message = T["twoFactor.nowOn"];
        }
        else
        {
            Message = T["twoFactor.wrongCode"];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await LoadAsync();
        Message = T["twoFactor.nowOff"];
        return Page();
    }

    private async Task<PlatformUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // Resetting the key rotates the security stamp, which the cookie is checked against on every request.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        Email = user.Email;
        Enabled = user.TwoFactorEnabled;
        SharedKey = key;
        AuthenticatorUri = $"otpauth://totp/Ticketing:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Ticketing&digits=6";
        QrSvg = user.TwoFactorEnabled ? null : Platform.Tickets.Rendering.QrImages.Svg(AuthenticatorUri, 4);
        return user;
    }
}
