namespace Platform.Reports.Sales;

/// <summary>What a sales report groups by; the query string spells them in snake_case (<c>ticket_type</c>).</summary>
public enum SalesDimension
{
    Event,
    Occurrence,
    TicketType,
    Audience,
    Channel,
    Day,
    Seller,
}

/// <summary>
/// One group of ticket lines paid in the period. Amounts are minor units of <see cref="Currency"/>: <see cref="Gross"/> is
/// what the lines were sold for (after discounts, with their per-ticket fees and tax), <see cref="Refunded"/> what has
/// since been refunded of them, <see cref="Net"/> the difference. Order-level charges (a per-order booking fee) belong to
/// no line and are in the daily close, not here.
/// </summary>
public sealed record SalesReportRow(string Key, string Label, string Currency, int Orders, int Tickets, int TicketsRefunded,
    long Gross, long Refunded, long Net);

/// <summary>A sales report: the period in the tenant's time zone, the tenant's currency, and one row per group and currency.</summary>
public sealed record SalesReportResponse(string GroupBy, DateOnly From, DateOnly To, string TimeZone, string Currency, Guid? EventId,
    IReadOnlyList<SalesReportRow> Rows);

/// <summary>Refunds that succeeded in the period, by the reason staff gave (an empty reason is <c>""</c>).</summary>
public sealed record RefundReasonRow(string Reason, string Currency, int Refunds, long Amount);

public sealed record RefundReportResponse(DateOnly From, DateOnly To, string TimeZone, string Currency, Guid? EventId, IReadOnlyList<RefundReasonRow> Rows);

/// <summary>A voucher used by orders paid in the period: how many, what those orders were discounted, and what they paid.</summary>
public sealed record VoucherUseRow(Guid VoucherId, string Code, string Currency, int Orders, long Discount, long Total);

public sealed record VoucherReportResponse(DateOnly From, DateOnly To, string TimeZone, string Currency, Guid? EventId, IReadOnlyList<VoucherUseRow> Rows);

/// <summary>
/// Check-in per occurrence and ticket type: valid tickets, how many of them were admitted at least once, and the rate
/// (admitted ÷ valid, 0 to 1, four decimals; 0 without tickets).
/// </summary>
public sealed record CheckInRateRow(Guid EventId, string Event, Guid OccurrenceId, DateTimeOffset StartsAt, Guid TicketTypeId, string TicketType,
    int Tickets, int CheckedIn, decimal Rate);

public sealed record CheckInReportResponse(Guid? EventId, IReadOnlyList<CheckInRateRow> Rows);
