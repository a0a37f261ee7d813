using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Identity.Email;
using Platform.Identity.Memberships;
using Platform.Identity.Users;

namespace Platform.Api.Pages.Account;

/// <summary>An unknown email and a bad link give the same answer, so the page never tells whether an account exists.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<PlatformUser> users, MembershipDirectory memberships, PasswordContext passwords) : AccountPage
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Done { get; private set; }

    public List<string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AccountEmails.Decode(Code);
        var user = string.IsNullOrWhiteSpace(Email) || token is null ? null : await users.FindByEmailAsync(Email);
        if (user is null || string.IsNullOrEmpty(Password))
        {
            Errors.Add(T["reset.invalid"]);
            return Page();
        }

        // The new password must not be built from the names of the organisations the account belongs to either.
        foreach (var membership in await memberships.ForUserAsync(user.Id, HttpContext.RequestAborted))
        {
            passwords.Add(membership.TenantName, membership.TenantSlug);
        }

        var result = await users.ResetPasswordAsync(user, token!, Password);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Code == "InvalidToken" ? T["reset.invalid"] : e.Description));
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        Done = true;
        return Page();
    }
}
