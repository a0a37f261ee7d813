using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OAuth;

/// <summary>
/// Registers a tenant's API clients as confidential OpenIddict applications (client credentials only), with the
/// tenant id in the application's properties and the chosen scopes as its only scope permissions. OpenIddict stores
/// the secret hashed (PBKDF2-SHA512, 210,000 iterations); the plain secret is returned once. Revoking deletes the application, and with it every
/// token it was issued (the API validates token entries, so those tokens stop working at once).
/// </summary>
internal sealed class ApiClientService(
    PlatformDbContext db, TenantContext tenant, IOpenIddictApplicationManager applications, AuditLog audit, TimeProvider clock)
{
    public async Task<(ApiClient Client, string Secret)> CreateAsync(CreateApiClientRequest request, string createdBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scopes = request.Scopes!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var client = new ApiClient
        {
            Name = request.Name!.Trim(),
            ClientId = "cli_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Scopes = scopes,
            CreatedAt = now,
            SecretRotatedAt = now,
            CreatedBy = createdBy,
        };
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.Name,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Introspection,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials]);
        descriptor.Permissions.UnionWith(scopes.Select(s => Permissions.Prefixes.Scope + s));
        descriptor.Properties[TokenEndpoint.TenantProperty] = JsonSerializer.SerializeToElement(tenant.RequiredTenantId.ToString());

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await applications.CreateAsync(descriptor, ct);
        db.Add(client);
        audit.Record("api_client.created", "api_client", client.Id.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (client, secret);
    }

    public Task<ApiClient?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<ApiClient>().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<(ApiClient Client, string Secret)> RotateSecretAsync(ApiClient client, CancellationToken ct)
    {
        EnsureActive(client);
        var application = await applications.FindByClientIdAsync(client.ClientId, ct) ?? throw new NotFoundException("API client");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        var secret = NewSecret();
        descriptor.ClientSecret = secret;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await applications.UpdateAsync(application, descriptor, ct);
        client.SecretRotatedAt = clock.GetUtcNow();
        audit.Record("api_client.secret_rotated", "api_client", client.Id.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (client, secret);
    }

    public async Task<ApiClient> RevokeAsync(ApiClient client, CancellationToken ct)
    {
        EnsureActive(client);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await applications.FindByClientIdAsync(client.ClientId, ct) is { } application)
        {
            await applications.DeleteAsync(application, ct);
        }

        client.RevokedAt = clock.GetUtcNow();
        audit.Record("api_client.revoked", "api_client", client.Id.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return client;
    }

    private static void EnsureActive(ApiClient client)
    {
        if (client.RevokedAt is not null)
        {
            throw new ConflictException("api_client_revoked", "The API client is revoked.");
        }
    }

    private static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
