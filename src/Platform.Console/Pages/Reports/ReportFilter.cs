namespace Platform.Console.Pages.Reports;

/// <summary>
/// What a report page shows: the tenant's calendar days (null: the API's default, the last 30 days up to today) and
/// optionally one event. The API reads the days in the tenant's time zone, whatever the browser's.
/// </summary>
public sealed record ReportFilter(DateOnly? From, DateOnly? To, Guid? EventId)
{
    /// <summary>The part of an export's file name that says which days it covers.</summary>
    public string Span => $"{From?.ToString("yyyyMMdd") ?? "last30"}-{To?.ToString("yyyyMMdd") ?? "today"}";
}
