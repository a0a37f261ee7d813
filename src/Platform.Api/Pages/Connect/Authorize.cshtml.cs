using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Api.Pages.Account;
using Platform.Authorization;
using Platform.Identity.Memberships;
using Platform.Identity.OAuth;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Api.Pages.Connect;

/// <summary>
/// The authorization endpoint's page (OpenIddict has already checked client, exact redirect URI and PKCE): sends
/// a person who is not signed in to the login page, then asks for consent and for the tenant to act in, and issues
/// the authorization code. Anonymous at the endpoint level because it does its own cookie check (a token is never
/// accepted here).
/// </summary>
[AllowAnonymous]
public sealed class AuthorizeModel(
    UserManager<PlatformUser> users, IOpenIddictApplicationManager applications, MembershipDirectory directory,
    TokenPrincipals principals) : AccountPage
{
    private static readonly HashSet<string> OwnFields = ["__RequestVerificationToken", "decision", "tenant", "lang"];

    public string ClientName { get; private set; } = "";

    public string? Email { get; private set; }

    public IReadOnlyList<string> Scopes { get; private set; } = [];

    public IReadOnlyList<MembershipView> Memberships { get; private set; } = [];

    public bool IsPlatformAdmin { get; private set; }

    public IEnumerable<KeyValuePair<string, StringValues>> Parameters =>
        (Request.HasFormContentType ? Request.Form.AsEnumerable() : Request.Query).Where(p => !OwnFields.Contains(p.Key));

    public string? Error { get; private set; }

    public Task<IActionResult> OnGetAsync() => HandleAsync(decided: false);

    public Task<IActionResult> OnPostAsync() => HandleAsync(decided: true);

    private async Task<IActionResult> HandleAsync(bool decided)
    {
        var ct = HttpContext.RequestAborted;
        var request = HttpContext.GetOpenIddictServerRequest();
        if (request is null)
        {
            return BadRequest();
        }

        var cookie = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal!) : null;
        if (user is null || user.IsDisabled || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OAuthError(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back here after signing in, without prompt=login (which would send the person round again).
            var parameters = Parameters.Where(p => p.Key != OpenIddictConstants.Parameters.Prompt)
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
            return Challenge(new AuthenticationProperties { RedirectUri = Request.PathBase + Request.Path + QueryString.Create(parameters) },
                IdentityConstants.ApplicationScheme);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, ct);
        if (application is null)
        {
            return OAuthError(Errors.InvalidClient, "The client is unknown.");
        }

        ClientName = await applications.GetLocalizedDisplayNameAsync(application, ct) ?? request.ClientId!;
        Email = user.Email;
        Scopes = [.. request.GetScopes()];
        Memberships = await directory.ForUserAsync(user.Id, ct);
        IsPlatformAdmin = user.IsPlatformAdmin;
        if (Memberships.Count == 0 && !IsPlatformAdmin)
        {
            return OAuthError(Errors.AccessDenied, "The account belongs to no tenant.");
        }

        if (!decided)
        {
            return Page();
        }

        if (Request.Form["decision"] != "accept")
        {
            return OAuthError(Errors.AccessDenied, "The user denied the request.");
        }

        Guid? tenantId = Guid.TryParse(Request.Form["tenant"], out var t) ? t : null;
        var identity = TokenPrincipals.NewIdentity();
        identity.SetScopes(request.GetScopes());
        if (request.GetScopes().Any(PlatformScopes.All.Contains))
        {
            identity.SetResources(OAuthOptions.ApiAudience);
        }

        if (!await principals.ApplyUserAsync(identity, user, tenantId, ct))
        {
            Error = T["authorize.chooseTenant"];
            return Page();
        }

        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private ForbidResult OAuthError(string error, string description) =>
        Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
