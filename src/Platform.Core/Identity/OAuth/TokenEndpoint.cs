using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Authorization;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OAuth;

/// <summary>
/// The token endpoint's own step (OpenIddict has already authenticated the client and validated the grant):
/// client credentials get the client's tenant; codes and refresh tokens are re-checked against the user's current
/// state. Refusals are OAuth errors (invalid_grant / invalid_client), never 500s.
/// </summary>
internal static class TokenEndpoint
{
    public const string TenantProperty = "tenant_id";

    public static async Task<IResult> ExchangeAsync(
        HttpContext http, IOpenIddictApplicationManager applications, UserManager<PlatformUser> users, TokenPrincipals principals)
    {
        var ct = http.RequestAborted;
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, ct);
            if (application is null)
            {
                return Refuse(Errors.InvalidClient, "The client is unknown.");
            }

            var properties = await applications.GetPropertiesAsync(application, ct);
            if (!properties.TryGetValue(TenantProperty, out var tenant) || tenant.ValueKind != JsonValueKind.String)
            {
                return Refuse(Errors.UnauthorizedClient, "The client may not use client credentials.");
            }

            var scopes = request.GetScopes();
            if (scopes.IsEmpty)
            {
                // No scope asked: grant everything the tenant's Owner/Admin allowed this client.
                scopes = [.. (await applications.GetPermissionsAsync(application, ct))
                    .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..])];
            }

            var identity = TokenPrincipals.NewIdentity();
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(PlatformClaims.TenantId, tenant.GetString());
            identity.SetScopes(scopes);
            identity.SetResources(OAuthOptions.ApiAudience);
            TokenPrincipals.SetDestinations(identity);
            return Results.SignIn(new System.Security.Claims.ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var user = subject is null ? null : await users.FindByIdAsync(subject);
            if (user is null || user.IsDisabled)
            {
                return Refuse(Errors.InvalidGrant, "The user can no longer sign in.");
            }

            Guid? tenantId = Guid.TryParse(result.Principal!.GetClaim(PlatformClaims.TenantId), out var t) ? t : null;
            // Start from the code's or refresh token's claims: they carry the authorization (the refresh chain),
            // the granted scopes and the audience.
            var identity = new System.Security.Claims.ClaimsIdentity(result.Principal!.Claims,
                Microsoft.IdentityModel.Tokens.TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            if (!await principals.ApplyUserAsync(identity, user, tenantId, ct))
            {
                return Refuse(Errors.InvalidGrant, "The user is no longer a member of the tenant.");
            }

            return Results.SignIn(new System.Security.Claims.ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
