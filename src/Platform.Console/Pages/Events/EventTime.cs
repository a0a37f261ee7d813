using System.Globalization;

namespace Platform.Console.Pages.Events;

/// <summary>
/// An event's dates are shown and typed in the event's own time zone (a 19:00 concert in Berlin reads 19:00 whoever
/// edits it), and sent to the API in UTC. The WebAssembly runtime carries the IANA zone data.
/// </summary>
public static class EventTime
{
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    public static TimeZoneInfo? Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public static DateTime InZone(DateTimeOffset at, string timeZone) =>
        Zone(timeZone) is { } zone ? TimeZoneInfo.ConvertTime(at, zone).DateTime : at.UtcDateTime;

    /// <summary>
    /// A date and time in the event's zone, in the person's formats: "Sat 1 May 2030 19:00" (en), "2030年5月1日 周三 19:00"
    /// (zh-CN). See <see cref="ShowFormat"/>.
    /// </summary>
    public static string Show(DateTimeOffset? at, string timeZone) =>
        at is { } a ? InZone(a, timeZone).ToString(ShowFormat(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture) : "—";

    /// <summary>
    /// The compact day-first "ddd d MMM yyyy HH:mm" reads right in English, but in a culture that writes the year first
    /// — Chinese (the console's other language), Japanese — it reads as scrambled parts ("周日 6 12月 2026 14:03").
    /// Those cultures' own long date pattern is already short (numeric month, no weekday: "yyyy'年'M'月'd'日'"), so they
    /// get it, then the abbreviated weekday and the time: "2026年12月6日 周日 14:03".
    /// </summary>
    public static string ShowFormat(CultureInfo culture)
    {
        var formats = culture.DateTimeFormat;
        var date = formats.LongDatePattern;
        if (!date.TrimStart('\'').StartsWith('y'))
        {
            return "ddd d MMM yyyy HH:mm";
        }

        // The date alone (some ICU data end it with the full weekday, "yyyy年M月d日dddd"), then the short weekday and the
        // 24-hour time the English form shows too (not the 12-hour "下午2:03" of some zh-CN data).
        return $"{date.Replace("dddd", "", StringComparison.Ordinal).Trim().TrimEnd(',')} ddd HH:mm";
    }

    public static string ToInput(DateTimeOffset at, string timeZone) => InZone(at, timeZone).ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>A datetime-local input's value read in the event's zone; null when empty, unreadable or the zone unknown.</summary>
    public static DateTimeOffset? FromInput(string? typed, string timeZone)
    {
        if (Zone(timeZone) is not { } zone
            || !DateTime.TryParseExact(typed, [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }

    /// <summary>
    /// A weekly series: <paramref name="count"/> dates every <paramref name="everyWeeks"/> weeks from the first, at
    /// the same wall-clock time in the event's zone (so a summer date and a winter date both start at 19:00).
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Weekly(string firstTyped, int count, int everyWeeks, string timeZone)
    {
        if (Zone(timeZone) is null || FromInput(firstTyped, timeZone) is null)
        {
            return [];
        }

        var first = DateTime.ParseExact(firstTyped[..16], InputFormat, CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(0, Math.Clamp(count, 0, 52))
            .Select(i => FromInput(first.AddDays(7 * everyWeeks * i).ToString(InputFormat, CultureInfo.InvariantCulture), timeZone)!.Value)];
    }
}
