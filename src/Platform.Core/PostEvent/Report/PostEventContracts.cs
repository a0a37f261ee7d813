using Platform.PostEvent.Notes;
using Platform.Reports.Sales;

namespace Platform.PostEvent.Report;

/// <summary>The post-event report ("票务系统运行报告"): everything the HTML and PDF show, as data.</summary>
public sealed record PostEventReportResponse(
    Guid EventId,
    string Title,
    string TimeZone,
    string Currency,
    DateTimeOffset GeneratedAt,
    ReportWindow Window,
    string Bucket,
    IReadOnlyList<SalesBucket> Sales,
    SaleTotals Totals,
    SalePeaks Peaks,
    SuccessRates Rates,
    IReadOnlyList<ErrorCodeCount> ErrorCodes,
    IReadOnlyList<RefundReasonRow> Refunds,
    QueueStatistics? Queue,
    CheckInFigures CheckIn,
    IReadOnlyList<IncidentResponse> Incidents,
    IReadOnlyList<ReportNoteResponse> Notes);

/// <summary>
/// The stretch of time the report covers: from the first sales window's opening (or the first order) to the last
/// occurrence's end (or the last order, if later). Incidents overlapping it are listed.
/// </summary>
public sealed record ReportWindow(DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset? FirstStartsAt, DateTimeOffset? LastEndsAt);

/// <summary>One bucket of the event's time zone (<see cref="Label"/> is its local start): orders placed and paid in it, and problems answered.</summary>
public sealed record SalesBucket(DateTimeOffset Start, string Label, int OrdersPlaced, int OrdersPaid, int Tickets, long Gross, long Problems);

public sealed record SaleTotals(int OrdersPlaced, int OrdersPaid, int Tickets, long Gross, long Refunded, long Net);

/// <summary>The busiest minute for orders placed and for orders paid (null without orders).</summary>
public sealed record SalePeaks(int OrdersPerMinute, DateTimeOffset? OrdersPeakAt, int PaidPerMinute, DateTimeOffset? PaidPeakAt);

/// <summary>
/// Order success: orders paid of orders placed. Payment success: payment requests that took the money of those
/// that got an answer (a pending one counts when the provider settles it). Null when nothing was tried.
/// </summary>
public sealed record SuccessRates(decimal? Orders, decimal? Payments, long PaymentAttempts, long PaymentFailures);

/// <summary>Problems answered to the event's checkout requests, by step (hold, order, payment) and code.</summary>
public sealed record ErrorCodeCount(string Step, string Code, long Count);

/// <summary>The waiting room's figures (null when the event never had one).</summary>
public sealed record QueueStatistics(long Arrivals, long Admitted, long PassesIssued, long PassesUsed, long PassesAbandoned, int RatePerMinute);

public sealed record CheckInFigures(int Tickets, int CheckedIn, decimal? Rate);

public sealed record IncidentResponse(Guid Id, string AlertName, string? Severity, string Status, string? Summary, DateTimeOffset StartsAt, DateTimeOffset? EndsAt);
