using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Authorization;
using Platform.Identity.Memberships;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OAuth;

/// <summary>
/// The claims of every token the server issues. A person's token: sub = user id, tenant_id and the role they hold
/// there (read fresh from the membership at every code redemption and refresh, so a removed member or a changed
/// role takes effect at the next refresh), plus platform_admin for platform operators. A client token: sub =
/// client_id, the client's tenant, no role. All carry client_id (added by OpenIddict), scope and aud = the API.
/// </summary>
public sealed class TokenPrincipals(MembershipDirectory memberships)
{
    public static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    /// <summary>Sets the user's claims on <paramref name="identity"/>; false when the user may not act in that tenant.</summary>
    public async Task<bool> ApplyUserAsync(ClaimsIdentity identity, PlatformUser user, Guid? tenantId, CancellationToken ct)
    {
        var roles = new List<string>();
        if (tenantId is { } id)
        {
            var membership = (await memberships.ForUserAsync(user.Id, ct)).FirstOrDefault(m => m.TenantId == id);
            if (membership is null)
            {
                return false;
            }

            roles.Add(membership.Role);
        }
        else if (!user.IsPlatformAdmin)
        {
            return false;
        }

        if (user.IsPlatformAdmin)
        {
            roles.Add(PlatformRoles.PlatformAdmin);
        }

        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(PlatformClaims.TenantId, tenantId?.ToString())
            .SetClaims(Claims.Role, [.. roles]);
        SetDestinations(identity);
        return true;
    }

    public static void SetDestinations(ClaimsIdentity identity) =>
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email when claim.Subject!.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
}
