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
/// account is promoted and keeps its password) and `ensure-oauth-clients` (the first-party public clients: Swagger UI
/// and the staff console).
/// </summary>
public sealed class IdentityCommands(
    UserManager<PlatformUser> users, IOpenIddictApplicationManager applications, IOptions<OAuthOptions> oauth, TimeProvider clock)
{
    public const string SwaggerClientId = "swagger-ui";
    public const string ConsoleClientId = "console";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        switch (args[0])
        {
            case "create-platform-admin":
                return await CreatePlatformAdminAsync(Option(args, "--email"), Option(args, "--password"));
            case "ensure-oauth-clients":
                await EnsureSwaggerClientAsync(ct);
                await EnsureConsoleClientAsync(oauth.Value.ConsoleRedirectUris, ct);
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
    public Task EnsureSwaggerClientAsync(CancellationToken ct) =>
        EnsurePublicClientAsync(SwaggerClientId, "Swagger UI", oauth.Value.SwaggerRedirectUris, ct);

    /// <summary>
    /// The staff console at /console (ADR 0032): a public client like Swagger UI — authorization code + PKCE, no
    /// secret, exact redirect URIs ({origin}/console/signin-callback) from OAuth:ConsoleRedirectUris.
    /// </summary>
    public Task EnsureConsoleClientAsync(IEnumerable<string> redirectUris, CancellationToken ct) =>
        EnsurePublicClientAsync(ConsoleClientId, "Staff console", redirectUris, ct);

    private async Task EnsurePublicClientAsync(string clientId, string displayName, IEnumerable<string> redirectUris, CancellationToken ct)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            DisplayName = displayName,
            ConsentType = ConsentTypes.Explicit,
        };
        var uris = redirectUris.ToList();
        foreach (var uri in uris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + Scopes.OfflineAccess, Permissions.Scopes.Profile,
            Permissions.Scopes.Email]);
        descriptor.Permissions.UnionWith(PlatformScopes.All.Select(s => Permissions.Prefixes.Scope + s));
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        if (await applications.FindByClientIdAsync(clientId, ct) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, ct);
        }
        else
        {
            await applications.CreateAsync(descriptor, ct);
        }

        Console.WriteLine($"OAuth client {clientId} ready (redirect URIs: {string.Join(", ", uris)})");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
