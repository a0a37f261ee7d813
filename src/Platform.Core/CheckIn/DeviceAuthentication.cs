using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Authorization;
using Platform.Persistence;
using static Platform.Holds.CheckoutSql;

namespace Platform.CheckIn;

/// <summary>
/// Device tokens: <c>Authorization: Device &lt;token&gt;</c>, token = <c>&lt;tenant id, 32 hex&gt;.&lt;secret&gt;</c>. The tenant
/// part lets the lookup run under that tenant's RLS setting (the devices table is tenant-owned); the whole token is
/// stored only as SHA-256. A valid token becomes a principal with the tenant, the device as subject and client, and the
/// single scope <c>tickets:checkin</c> — so exactly the <see cref="Policies.TicketsCheckIn"/> endpoints accept it.
/// </summary>
internal static class DeviceAuthentication
{
    public const string Scheme = "Device";
    public const string DeviceIdClaim = "device_id";
    public const string DeviceEventClaim = "device_event";
    public const string AllEventsClaim = "device_all_events";

    public static string NewToken(Guid tenantId) => $"{tenantId:N}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool IsDeviceRequest(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Valid device tokens cached briefly (scans must not pay a query for authentication); revocation evicts at once.</summary>
internal sealed class DeviceTokenCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, Guid TenantId, Guid DeviceId, Guid[]? Events)> byHash = new();

    public bool TryGet(string hash, out (Guid TenantId, Guid DeviceId, Guid[]? Events) device)
    {
        device = default;
        if (byHash.TryGetValue(hash, out var e) && e.Until > clock.GetUtcNow())
        {
            device = (e.TenantId, e.DeviceId, e.Events);
            return true;
        }

        return false;
    }

    public void Set(string hash, Guid tenantId, Guid deviceId, Guid[]? events) => byHash[hash] = (clock.GetUtcNow() + Lifetime, tenantId, deviceId, events);

    public void Evict(Guid deviceId)
    {
        foreach (var (hash, e) in byHash)
        {
            if (e.DeviceId == deviceId)
            {
                byHash.TryRemove(hash, out _);
            }
        }
    }
}

internal sealed class DeviceAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    DeviceTokenCache cache, PlatformDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(DeviceAuthentication.Scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[(DeviceAuthentication.Scheme.Length + 1)..].Trim();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > 200 || dot != 32 || !Guid.TryParseExact(token[..dot], "N", out var tenantId))
        {
            return AuthenticateResult.Fail("Malformed device token.");
        }

        var hash = DeviceAuthentication.Hash(token);
        if (!cache.TryGet(hash, out var device))
        {
            if (await LookupAsync(tenantId, hash) is not { } found)
            {
                return AuthenticateResult.Fail("Unknown or revoked device token.");
            }

            device = found;
            cache.Set(hash, device.TenantId, device.DeviceId, device.Events);
        }

        var subject = $"device:{device.DeviceId}";
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, subject), new(PlatformClaims.ClientId, subject), new(PlatformClaims.TenantId, device.TenantId.ToString()),
            new(PlatformClaims.Scope, PlatformScopes.TicketsCheckIn), new(DeviceAuthentication.DeviceIdClaim, device.DeviceId.ToString()),
        };
        claims.AddRange(device.Events is null
            ? [new Claim(DeviceAuthentication.AllEventsClaim, "true")]
            : device.Events.Select(e => new Claim(DeviceAuthentication.DeviceEventClaim, e.ToString())));
        var identity = new ClaimsIdentity(claims, DeviceAuthentication.Scheme, PlatformClaims.Subject, PlatformClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DeviceAuthentication.Scheme));
    }

    private async Task<(Guid TenantId, Guid DeviceId, Guid[]? Events)?> LookupAsync(Guid tenantId, string hash)
    {
        var ct = Context.RequestAborted;
        return await TenantBatch.OnConnectionAsync<(Guid, Guid, Guid[]?)?>(db, async connection =>
        {
            // One round trip: the tenant setting for RLS and the lookup in one implicit transaction.
            await using var batch = new TenantBatch(connection, null, tenantId);
            batch.Add("SELECT id, event_ids FROM check_in_devices WHERE tenant_id = @t AND token_hash = @h AND revoked_at IS NULL",
                P("t", tenantId), P("h", hash));
            await using var reader = await batch.ReadAsync(ct);
            return await reader.ReadAsync(ct) ? (tenantId, reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<Guid[]>(1)) : null;
        }, ct);
    }
}
