using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Reports;

/// <summary>
/// The days a report covers, read as calendar days of the tenant's time zone: <see cref="From"/> and <see cref="To"/>
/// are inclusive, and <see cref="Start"/>/<see cref="End"/> are the UTC instants of the first day's midnight and of the
/// midnight after the last day, so "1 December" means the tenant's 1 December wherever the server runs.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, string TimeZone, string Currency, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>No period longer than ten years: enough for any audit, and keeps date arithmetic far from its limits.</summary>
    public const int MaxDays = 3660;

    public const int DefaultDays = 30;

    /// <summary>The period for the tenant, or an error text when the bounds do not make a period.</summary>
    public static async Task<(ReportPeriod? Period, string? Error)> ForTenantAsync(PlatformDbContext db, TenantContext tenant, DateOnly? from,
        DateOnly? to, TimeProvider clock, CancellationToken ct)
    {
        var id = tenant.RequiredTenantId;
        var settings = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { t.TimeZone, t.DefaultCurrency }).SingleAsync(ct);
        var zone = Zone(settings.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var last = to ?? today;
        var first = from ?? last.AddDays(-(DefaultDays - 1));
        if (first > last)
        {
            return (null, "'from' must not be after 'to'.");
        }

        if (last.DayNumber - first.DayNumber >= MaxDays)
        {
            return (null, $"A report covers at most {MaxDays} days.");
        }

        return (new ReportPeriod(first, last, settings.TimeZone, settings.DefaultCurrency, Midnight(first, zone), Midnight(last.AddDays(1), zone)), null);
    }

    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The instant local midnight starts that day; a midnight skipped by a DST change starts at the first valid local time.</summary>
    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A UTC instant as the tenant's wall clock, for exports.</summary>
    public string Local(DateTimeOffset instant) => LocalIn(TimeZone, instant);

    public static string LocalIn(string timeZone, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone(timeZone)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
