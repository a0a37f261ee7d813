using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Pricing;

/// <summary>Helpers shared by the rule and voucher stores: field diffs for the audit log and the tenant's currency.</summary>
internal static class PricingAudit
{
    /// <summary>The fields that changed between two snapshots, as the audit log records them.</summary>
    public static Dictionary<string, FieldChange> Diff(IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after)
    {
        var changes = new Dictionary<string, FieldChange>();
        foreach (var (field, value) in after)
        {
            var old = before.GetValueOrDefault(field);
            if (!Equals(Text(old), Text(value)))
            {
                changes[field] = new FieldChange(old, value);
            }
        }

        return changes;
    }

    public static Dictionary<string, FieldChange> Created(IReadOnlyDictionary<string, object?> after) =>
        after.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => new FieldChange(null, p.Value));

    private static string? Text(object? value) => value switch
    {
        null => null,
        System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Fixed amounts must be in the tenant's currency: 422 naming <paramref name="field"/> otherwise.</summary>
    public static async Task RequireTenantCurrencyAsync(PlatformDbContext db, TenantContext tenant, string? currency, string field, CancellationToken ct)
    {
        if (currency is null)
        {
            return;
        }

        var id = tenant.RequiredTenantId;
        var expected = await db.Set<Tenant>().Where(t => t.Id == id).Select(t => t.DefaultCurrency).FirstAsync(ct);
        if (!string.Equals(expected, currency, StringComparison.Ordinal))
        {
            throw new UnprocessableException("currency_mismatch", $"Fixed amounts must be in the tenant's currency, {expected}.",
                new Dictionary<string, string[]> { [field] = [$"{field} must be {expected}, the tenant's currency."] });
        }
    }

    public static void CheckVersion(uint actual, uint? expected, string resource)
    {
        if (expected is { } e && e != actual)
        {
            throw new ConflictException("version_mismatch", $"The {resource} is at version {actual}, not {e}; reload it and try again.");
        }
    }
}
