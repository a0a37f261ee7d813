using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Platform.Authorization;
using Platform.Identity.OAuth;
using Platform.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity;

/// <summary>
/// Host commands of the identity capability: `create-platform-admin --email X --password Y` (idempotent: an existing
/// account is promoted and keeps its password) and `ensure-oauth-clients` (the first-party Swagger UI client).
/// </summary>
public sealed class IdentityCommands(
    UserManager<PlatformUser> users, IOpenIddictApplicationManager applications, IOptions<OAuthOptions> oauth, TimeProvider clock)
{
    public const string SwaggerClientId = "swagger-ui";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        switch (args[0])
        {
            case "create-platform-admin":
                return await CreatePlatformAdminAsync(Option(args, "--email"), Option(args, "--password"));
            case "ensure-oauth-clients":
                await EnsureSwaggerClientAsync(ct);
                return 0;
            default:
                return -1;
        }
    }

    public async Task<int> CreatePlatformAdminAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("usage: create-platform-admin --email EMAIL --password PASSWORD");
            return 2;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PlatformUser
            {
                Email = email, UserName = email, EmailConfirmed = true, DisplayName = "Platform administrator",
                IsPlatformAdmin = true, CreatedAt = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync(string.Join('\n', created.Errors.Select(e => e.Description)));
                return 1;
            }

            Console.WriteLine($"Created platform admin {email}");
            return 0;
        }

        user.IsPlatformAdmin = true;
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        Console.WriteLine($"Platform admin {email} exists (password unchanged)");
        return 0;
    }

    /// <summary>The public Swagger UI client: authorization code + PKCE, exact redirect URIs from configuration.</summary>
    public async Task EnsureSwaggerClientAsync(CancellationToken ct)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = SwaggerClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "Swagger UI",
            ConsentType = ConsentTypes.Explicit,
        };
        foreach (var uri in oauth.Value.SwaggerRedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + Scopes.OfflineAccess]);
        descriptor.Permissions.UnionWith(PlatformScopes.All.Select(s => Permissions.Prefixes.Scope + s));
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        if (await applications.FindByClientIdAsync(SwaggerClientId, ct) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, ct);
        }
        else
        {
            await applications.CreateAsync(descriptor, ct);
        }

        Console.WriteLine($"OAuth client {SwaggerClientId} ready (redirect URIs: {string.Join(", ", oauth.Value.SwaggerRedirectUris)})");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
