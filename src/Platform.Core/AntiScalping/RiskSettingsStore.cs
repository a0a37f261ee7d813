using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Persistence;

namespace Platform.AntiScalping;

/// <summary>A tenant's policy as the order path reads it.</summary>
public sealed record RiskPolicySnapshot(string Action, float Threshold, bool BlockDisposableEmail, float? ChallengeThreshold = null);

/// <summary>
/// Serves each tenant's policy from this node's memory for <see cref="RiskOptions.SettingsCacheFor"/>, so placing an
/// order reads it from PostgreSQL at most once per tenant per interval. A change made on this node is seen at once;
/// other nodes see it within the interval.
/// </summary>
public sealed class RiskSettingsStore(IMemoryCache cache, IOptions<RiskOptions> options)
{
    public static readonly RiskPolicySnapshot Default = new(RiskSettingsDefaults.Action, RiskSettingsDefaults.Threshold, false);

    public async Task<RiskPolicySnapshot> GetAsync(PlatformDbContext db, Guid tenantId, CancellationToken ct)
    {
        var key = Key(tenantId);
        if (cache.TryGetValue(key, out RiskPolicySnapshot? cached) && cached is not null)
        {
            return cached;
        }

        var row = await db.Set<RiskSettings>().AsNoTracking().Where(s => s.TenantId == tenantId)
            .Select(s => new RiskPolicySnapshot(s.Action, s.Threshold, s.BlockDisposableEmail, s.ChallengeThreshold)).FirstOrDefaultAsync(ct);
        var snapshot = row ?? Default;
        cache.Set(key, snapshot, options.Value.SettingsCacheFor);
        return snapshot;
    }

    public void Forget(Guid tenantId) => cache.Remove(Key(tenantId));

    private static string Key(Guid tenantId) => "risk-settings:" + tenantId.ToString("N");
}
