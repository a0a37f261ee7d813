using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Http;
using Platform.Identity.Memberships;

namespace Platform.Api.Pages.Account;

/// <summary>The page behind the invitation email's link; the same rules as the AcceptInvitation API operation.</summary>
[AllowAnonymous]
public sealed class AcceptInvitationModel(InvitationService invitations) : AccountPage
{
    [BindProperty(SupportsGet = true)]
    public string? Tenant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public AcceptInvitationResponse? Accepted { get; private set; }

    public List<string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Tenant) || string.IsNullOrEmpty(Token) || string.IsNullOrEmpty(Password))
        {
            Errors.Add(T["invite.incomplete"]);
            return Page();
        }

        try
        {
            Accepted = await invitations.AcceptAsync(Tenant, new AcceptInvitationRequest(Token, Password, DisplayName), HttpContext.RequestAborted);
        }
        catch (ApiException ex)
        {
            Errors.AddRange(ex.Errors?.SelectMany(e => e.Value) ?? [ex.Message]);
        }

        return Page();
    }
}
