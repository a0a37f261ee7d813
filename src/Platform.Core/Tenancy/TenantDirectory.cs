using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.Persistence;

namespace Platform.Tenancy;

/// <summary>What a request needs to know about its tenant, cached briefly because every request asks.</summary>
public sealed record TenantSnapshot(Guid Id, string Slug, string DisplayName, TenantStatus Status, string? CustomHost)
{
    public bool IsSuspended => Status == TenantStatus.Suspended;
}

/// <summary>
/// Looks tenants up by id, slug or custom host. Entries live a few seconds, and this node drops them at once on
/// change, so a suspension takes effect here immediately and on other nodes within <see cref="Ttl"/>.
/// </summary>
public sealed class TenantDirectory(IMemoryCache cache)
{
    internal static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    public Task<TenantSnapshot?> FindByIdAsync(PlatformDbContext db, Guid id, CancellationToken ct) =>
        FindAsync(db, $"tenant:id:{id}", t => t.Id == id, ct);

    public Task<TenantSnapshot?> FindBySlugAsync(PlatformDbContext db, string slug, CancellationToken ct)
    {
        var normalized = slug.ToLowerInvariant();
        return FindAsync(db, $"tenant:slug:{normalized}", t => t.Slug == normalized, ct);
    }

    public Task<TenantSnapshot?> FindByHostAsync(PlatformDbContext db, string host, CancellationToken ct)
    {
        var normalized = host.ToLowerInvariant();
        return FindAsync(db, $"tenant:host:{normalized}", t => t.Branding.CustomHost == normalized, ct);
    }

    public void Invalidate(Tenant tenant)
    {
        cache.Remove($"tenant:id:{tenant.Id}");
        cache.Remove($"tenant:slug:{tenant.Slug}");
        if (tenant.Branding.CustomHost is { } host)
        {
            cache.Remove($"tenant:host:{host}");
        }
    }

    private async Task<TenantSnapshot?> FindAsync(
        PlatformDbContext db, string key, System.Linq.Expressions.Expression<Func<Tenant, bool>> predicate, CancellationToken ct)
    {
        if (cache.TryGetValue(key, out TenantSnapshot? cached))
        {
            return cached;
        }

        var snapshot = await db.Set<Tenant>().AsNoTracking().Where(predicate)
            .Select(t => new TenantSnapshot(t.Id, t.Slug, t.DisplayName, t.Status, t.Branding.CustomHost))
            .FirstOrDefaultAsync(ct);
        cache.Set(key, snapshot, Ttl);
        return snapshot;
    }
}
