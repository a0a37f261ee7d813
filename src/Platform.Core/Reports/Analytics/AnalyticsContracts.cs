namespace Platform.Reports.Analytics;

/// <summary>
/// One cell of the purchase heat map: orders paid in the tenant's local <see cref="Hour"/> (0–23) of <see cref="Weekday"/>
/// (ISO: 1 Monday … 7 Sunday), and their tickets. Cells without orders are left out.
/// </summary>
public sealed record HeatMapCell(int Weekday, int Hour, int Orders, int Tickets);

public sealed record HeatMapResponse(DateOnly From, DateOnly To, string TimeZone, Guid? EventId, IReadOnlyList<HeatMapCell> Cells);

/// <summary>Refunds that succeeded in one bucket (its first day, tenant's calendar) for one reason (an empty reason is <c>""</c>).</summary>
public sealed record RefundReasonTrendRow(DateOnly Bucket, string Reason, string Currency, int Refunds, long Amount);

/// <summary>Refund reasons over time, bucketed by <see cref="Interval"/> (day, week starting Monday, or month).</summary>
public sealed record RefundReasonTrendResponse(DateOnly From, DateOnly To, string TimeZone, string Interval, Guid? EventId,
    IReadOnlyList<RefundReasonTrendRow> Rows);

/// <summary>Orders paid in minute <see cref="Minute"/> after the on-sale time (0 = the first minute), and their tickets.</summary>
public sealed record SalesVelocityRow(int Minute, int Orders, int Tickets);

/// <summary>
/// Sales velocity of one event around its on-sale time: <see cref="OnSaleAt"/> is the earliest opening of its sales
/// windows (null when it has none, and then there are no rows). <see cref="Rows"/> covers the first
/// <see cref="Minutes"/> minutes, one row per minute with orders; orders paid before the on-sale time (staff selling
/// early) and after the covered minutes are counted, not listed.
/// </summary>
public sealed record SalesVelocityResponse(Guid EventId, DateTimeOffset? OnSaleAt, int Minutes, int OrdersBefore, int OrdersAfter,
    IReadOnlyList<SalesVelocityRow> Rows);

/// <summary>
/// The conversion funnel of the period: storefront event-page views (every answered view, cached or not, counted per
/// minute), the holds started (a hold is a buyer choosing tickets), how many became an order, and how many of those
/// orders took money (paid, even if refunded since). Views come from the storefront only: API and app buyers hold
/// without a page view, so holds may exceed views for an event sold mostly by API.
/// </summary>
public sealed record ConversionFunnelResponse(DateOnly From, DateOnly To, string TimeZone, Guid? EventId, long Views, int Holds, int Orders, int Paid);
