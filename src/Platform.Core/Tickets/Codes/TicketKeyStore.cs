using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Tickets.Codes;

/// <summary>A published verification key of a tenant.</summary>
internal sealed record TicketPublicKey(string Kid, string X, string Y, string Status, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    public ECParameters Parameters => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Base64Url.DecodeFromChars(X), Y = Base64Url.DecodeFromChars(Y) },
    };
}

/// <summary>
/// Public keys per tenant, cached briefly in memory so a gate scan verifies without a query; an unknown key id
/// reloads the set (at most every few seconds, so forged key ids cannot turn every scan into a query).
/// </summary>
internal sealed class TicketPublicKeyCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MissReload = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset LoadedAt, IReadOnlyList<TicketPublicKey> Keys)> byTenant = new();

    public bool TryGet(Guid tenantId, string? kid, out IReadOnlyList<TicketPublicKey> keys)
    {
        keys = [];
        if (!byTenant.TryGetValue(tenantId, out var entry))
        {
            return false;
        }

        var age = clock.GetUtcNow() - entry.LoadedAt;
        keys = entry.Keys;
        return age < Lifetime && (kid is null || age < MissReload || entry.Keys.Any(k => k.Kid == kid));
    }

    public void Set(Guid tenantId, IReadOnlyList<TicketPublicKey> keys) => byTenant[tenantId] = (clock.GetUtcNow(), keys);

    public void Invalidate(Guid tenantId) => byTenant.TryRemove(tenantId, out _);
}

/// <summary>
/// The tenant's ticket signing keys: created on first use, rotated by tenant admins. Private keys are decrypted only
/// into this process's memory, as imported keys reused across signatures (<see cref="TicketSigners"/>).
/// </summary>
internal sealed class TicketKeyStore(PlatformDbContext db, TenantContext tenant, IDataProtectionProvider protection, TicketPublicKeyCache cache,
    AuditLog audit, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("Platform.Tickets.SigningKeys.v1");

    /// <summary>
    /// Runs <paramref name="sign"/> with the active key (its kid and private key); creates the tenant's first key when
    /// there is none (race-safe). The active row is read each time, so a rotation on any node takes effect at once; the
    /// decrypted key is reused (<see cref="TicketSigners"/>).
    /// </summary>
    public async Task<T> WithActiveKeyAsync<T>(Func<string, ECDsa, T> sign, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var active = await ActiveRowAsync(ct);
        if (active is null)
        {
            var fresh = NewKey();
            // Concurrent first uses: the partial unique index admits one active key; the others insert nothing.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO ticket_signing_keys (tenant_id, id, kid, x, y, private_key_protected, status, created_at)
                VALUES ({tenant.RequiredTenantId}, {fresh.Id}, {fresh.Kid}, {fresh.X}, {fresh.Y}, {fresh.PrivateKeyProtected}, 'active', {fresh.CreatedAt})
                ON CONFLICT (tenant_id) WHERE status = 'active' DO NOTHING
                """, ct);
            cache.Invalidate(tenant.RequiredTenantId);
            active = await ActiveRowAsync(ct) ?? throw new InvalidOperationException("No active ticket signing key after creating one.");
        }

        var stored = active.PrivateKeyProtected;
        return TicketSigners.Use(stored, () => protector.Unprotect(Convert.FromBase64String(stored)), key => sign(active.Kid, key));
    }

    /// <summary>Retires the active key (it stays published, verify-only) and makes a new one active.</summary>
    public async Task<TicketPublicKey> RotateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var fresh = NewKey();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE ticket_signing_keys SET status = 'retired', retired_at = {now} WHERE tenant_id = {tenant.RequiredTenantId} AND status = 'active'
            """, ct);
        db.Add(fresh);
        audit.Record("ticket_key.rotated", "ticket_signing_key", fresh.Kid);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        cache.Invalidate(tenant.RequiredTenantId);
        return ToPublic(fresh);
    }

    /// <summary>Every key of the tenant (active first, then retired newest first).</summary>
    public async Task<IReadOnlyList<TicketPublicKey>> PublicKeysAsync(string? wantedKid, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        if (cache.TryGet(tenantId, wantedKid, out var cached))
        {
            return cached;
        }

        var rows = await db.Set<TicketSigningKey>().AsNoTracking()
            .OrderBy(k => k.Status == TicketSigningKey.Active ? 0 : 1).ThenByDescending(k => k.Id).ToListAsync(ct);
        var keys = rows.Select(ToPublic).ToList();
        cache.Set(tenantId, keys);
        return keys;
    }

    private Task<TicketSigningKey?> ActiveRowAsync(CancellationToken ct) =>
        db.Set<TicketSigningKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Status == TicketSigningKey.Active, ct);

    private TicketSigningKey NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: false);
        return new TicketSigningKey
        {
            TenantId = tenant.RequiredTenantId,
            Kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6)),
            X = Base64Url.EncodeToString(p.Q.X),
            Y = Base64Url.EncodeToString(p.Q.Y),
            PrivateKeyProtected = Convert.ToBase64String(protector.Protect(key.ExportPkcs8PrivateKey())),
            CreatedAt = clock.GetUtcNow(),
        };
    }

    private static TicketPublicKey ToPublic(TicketSigningKey k) => new(k.Kid, k.X, k.Y, k.Status, k.CreatedAt, k.RetiredAt);
}
