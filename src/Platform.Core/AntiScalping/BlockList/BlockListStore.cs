using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Persistence;

namespace Platform.AntiScalping.BlockList;

/// <summary>A tenant's block list as the order path reads it: set look-ups for e-mails and domains, a short list of networks.</summary>
public sealed class BlockListSnapshot(IEnumerable<RiskBlock> entries)
{
    public static readonly BlockListSnapshot Empty = new([]);

    private readonly HashSet<string> emails = [.. entries.Where(e => e.Kind == BlockKinds.Email).Select(e => e.Value)];
    private readonly HashSet<string> domains = [.. entries.Where(e => e.Kind == BlockKinds.Domain).Select(e => e.Value)];
    private readonly IPNetwork[] networks = [.. entries.Where(e => e.Kind == BlockKinds.Ip).Select(e => IPNetwork.Parse(e.Value))];

    public bool IsEmpty => emails.Count == 0 && domains.Count == 0 && networks.Length == 0;

    /// <summary>True when the buyer's e-mail, its domain or the caller's address is on the list.</summary>
    public bool Blocks(string email, IPAddress? address)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var at = normalized.LastIndexOf('@');
        if (emails.Contains(normalized) || (at >= 0 && domains.Contains(normalized[(at + 1)..])))
        {
            return true;
        }

        if (address is null || networks.Length == 0)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(address));
    }
}

/// <summary>
/// Serves each tenant's block list from this node's memory for <see cref="RiskOptions.SettingsCacheFor"/> (like the
/// policy): placing an order reads it from PostgreSQL at most once per tenant per interval. A change made on this node
/// is seen at once; other nodes see it within the interval.
/// </summary>
public sealed class BlockListStore(IMemoryCache cache, IOptions<RiskOptions> options)
{
    public async Task<BlockListSnapshot> GetAsync(PlatformDbContext db, Guid tenantId, CancellationToken ct)
    {
        var key = Key(tenantId);
        if (cache.TryGetValue(key, out BlockListSnapshot? cached) && cached is not null)
        {
            return cached;
        }

        var rows = await db.Set<RiskBlock>().AsNoTracking().Where(b => b.TenantId == tenantId).ToListAsync(ct);
        var snapshot = rows.Count == 0 ? BlockListSnapshot.Empty : new BlockListSnapshot(rows);
        cache.Set(key, snapshot, options.Value.SettingsCacheFor);
        return snapshot;
    }

    public void Forget(Guid tenantId) => cache.Remove(Key(tenantId));

    private static string Key(Guid tenantId) => "risk-blocks:" + tenantId.ToString("N");
}
