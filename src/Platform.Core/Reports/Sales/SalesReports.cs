using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using Platform.Reports.Exports;
using Platform.Tickets;
using static Platform.Reports.ReportSql;

namespace Platform.Reports.Sales;

/// <summary>
/// Sales, refunds, voucher and check-in figures, computed by PostgreSQL from orders, their lines, payments, voucher
/// redemptions and admissions. A sale belongs to the day its order was paid (the tenant's calendar day); refunds of
/// it count against it whenever they happened, so a period's net is what its sales are still worth. Orders count while
/// they took money: paid, partially refunded or refunded.
/// </summary>
internal sealed class SalesReports(ReportSql sql, IDataProtectionProvider protection)
{
    private const string Sold = "o.state IN ('paid', 'partially_refunded', 'refunded')";

    private const string InPeriod = "o.paid_at >= @start AND o.paid_at < @end AND (@event IS NULL OR o.event_id = @event)";

    private readonly IDataProtector buyer = protection.CreateProtector(TicketService.BuyerPurpose);

    /// <summary>Per dimension: the group key, its label (an aggregate when it comes from a join), and the joins the label needs.</summary>
    private static (string Key, string Label, string Joins) Grouping(SalesDimension by) => by switch
    {
        SalesDimension.Event => ("o.event_id::text", "min(e.title)", "JOIN events e ON e.tenant_id = o.tenant_id AND e.id = o.event_id"),
        SalesDimension.Occurrence => ("o.occurrence_id::text",
            "min(e.title) || ' ' || to_char(min(oc.starts_at) AT TIME ZONE @tz, 'YYYY-MM-DD HH24:MI')",
            "JOIN events e ON e.tenant_id = o.tenant_id AND e.id = o.event_id JOIN event_occurrences oc ON oc.tenant_id = o.tenant_id AND oc.id = o.occurrence_id"),
        SalesDimension.TicketType => ("l.ticket_type_id::text", "min(e.title) || ' · ' || min(tt.name)",
            "JOIN ticket_types tt ON tt.tenant_id = l.tenant_id AND tt.id = l.ticket_type_id JOIN events e ON e.tenant_id = o.tenant_id AND e.id = o.event_id"),
        SalesDimension.Audience => ("l.audience", "l.audience", ""),
        SalesDimension.Channel => ("o.channel", "o.channel", ""),
        SalesDimension.Day => ("to_char(o.paid_at AT TIME ZONE @tz, 'YYYY-MM-DD')", "to_char(o.paid_at AT TIME ZONE @tz, 'YYYY-MM-DD')", ""),
        // Orders keep who placed them ("user:<id>", "client:<client id>", none for the public storefront); the label is
        // the person's e-mail or the API client's name (the key itself when neither is known).
        SalesDimension.Seller => ("coalesce(o.created_by, 'web')", "coalesce(min(u.email), min(c.name), coalesce(o.created_by, 'web'))",
            "LEFT JOIN users u ON o.created_by = 'user:' || u.id::text LEFT JOIN api_clients c ON c.tenant_id = o.tenant_id AND o.created_by = 'client:' || c.client_id"),
        _ => throw new ArgumentOutOfRangeException(nameof(by)),
    };

    public IAsyncEnumerable<SalesReportRow> SalesAsync(ReportPeriod period, Guid? eventId, SalesDimension by, CancellationToken ct)
    {
        var (key, label, joins) = Grouping(by);
        return sql.StreamAsync($"""
            SELECT {key} AS key, {label} AS label, o.currency, count(DISTINCT o.id)::int, sum(l.quantity)::int, sum(l.refunded_quantity)::int,
                   sum(l.total)::bigint, sum(l.refunded_amount)::bigint
            FROM order_lines l
            JOIN orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
            {joins}
            WHERE {Sold} AND {InPeriod}
            GROUP BY 1, o.currency
            ORDER BY 1, 3
            """, r =>
            {
                var gross = r.GetInt64(6);
                var refunded = r.GetInt64(7);
                return new SalesReportRow(r.GetString(0), r.GetString(1), r.GetString(2).Trim(), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
                    gross, refunded, gross - refunded);
            }, ct, PeriodParams(period, eventId));
    }

    public IAsyncEnumerable<RefundReasonRow> RefundsAsync(ReportPeriod period, Guid? eventId, CancellationToken ct) =>
        sql.StreamAsync("""
            SELECT coalesce(p.reason, ''), p.currency, count(*)::int, sum(p.amount)::bigint
            FROM payments p
            JOIN orders o ON o.tenant_id = p.tenant_id AND o.id = p.order_id
            WHERE p.kind = 'refund' AND p.status = 'succeeded' AND p.created_at >= @start AND p.created_at < @end
              AND (@event IS NULL OR o.event_id = @event)
            GROUP BY 1, 2
            ORDER BY 4 DESC, 1
            """, r => new RefundReasonRow(r.GetString(0), r.GetString(1).Trim(), r.GetInt32(2), r.GetInt64(3)), ct, PeriodParams(period, eventId));

    public IAsyncEnumerable<VoucherUseRow> VouchersAsync(ReportPeriod period, Guid? eventId, CancellationToken ct) =>
        sql.StreamAsync($"""
            SELECT v.id, v.code, o.currency, count(DISTINCT o.id)::int, sum(o.discount)::bigint, sum(o.total)::bigint
            FROM voucher_redemptions r
            JOIN vouchers v ON v.tenant_id = r.tenant_id AND v.id = r.voucher_id
            JOIN orders o ON o.tenant_id = r.tenant_id AND o.id = r.order_id
            WHERE {Sold} AND {InPeriod}
            GROUP BY v.id, v.code, o.currency
            ORDER BY 4 DESC, 2
            """, r => new VoucherUseRow(r.GetGuid(0), r.GetString(1), r.GetString(2).Trim(), r.GetInt32(3), r.GetInt64(4), r.GetInt64(5)),
            ct, PeriodParams(period, eventId));

    public IAsyncEnumerable<CheckInRateRow> CheckInsAsync(Guid? eventId, CancellationToken ct) =>
        sql.StreamAsync("""
            SELECT t.event_id, min(e.title), t.occurrence_id, min(oc.starts_at), t.ticket_type_id, min(tt.name),
                   count(*)::int, count(a.ticket_id)::int
            FROM tickets t
            JOIN events e ON e.tenant_id = t.tenant_id AND e.id = t.event_id
            JOIN event_occurrences oc ON oc.tenant_id = t.tenant_id AND oc.id = t.occurrence_id
            JOIN ticket_types tt ON tt.tenant_id = t.tenant_id AND tt.id = t.ticket_type_id
            LEFT JOIN ticket_admissions a ON a.tenant_id = t.tenant_id AND a.ticket_id = t.id
            WHERE t.state = 'valid' AND (@event IS NULL OR t.event_id = @event)
            GROUP BY t.event_id, t.occurrence_id, t.ticket_type_id
            ORDER BY 4, 2, 6
            """, r =>
            {
                var tickets = r.GetInt32(6);
                var admitted = r.GetInt32(7);
                return new CheckInRateRow(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetFieldValue<DateTimeOffset>(3), r.GetGuid(4), r.GetString(5),
                    tickets, admitted, tickets == 0 ? 0 : Math.Round((decimal)admitted / tickets, 4));
            }, ct, Param("event", eventId));

    public static readonly string[] OrderLineColumns =
    [
        "paid_at", "order_id", "event", "occurrence_starts_at", "ticket_type", "audience", "channel", "seller", "buyer_name", "buyer_email",
        "promo_code", "quantity", "refunded_quantity", "unit_price", "total", "refunded", "currency",
    ];

    /// <summary>
    /// Every ticket line paid in the period with its buyer, for finance (buyer details are personal data: not for analysts).
    /// Streamed: one line is read, decrypted and written at a time.
    /// </summary>
    public IAsyncEnumerable<object?[]> OrderLinesAsync(ReportPeriod period, Guid? eventId, CancellationToken ct) =>
        sql.StreamAsync($"""
            SELECT o.paid_at, o.id, e.title, oc.starts_at, tt.name, l.audience, o.channel, coalesce(o.created_by, 'web'),
                   o.buyer_name_protected, o.buyer_email_protected, o.promo_code, l.quantity, l.refunded_quantity, l.unit_price, l.total,
                   l.refunded_amount, o.currency
            FROM order_lines l
            JOIN orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
            JOIN events e ON e.tenant_id = o.tenant_id AND e.id = o.event_id
            JOIN event_occurrences oc ON oc.tenant_id = o.tenant_id AND oc.id = o.occurrence_id
            JOIN ticket_types tt ON tt.tenant_id = l.tenant_id AND tt.id = l.ticket_type_id
            WHERE {Sold} AND {InPeriod}
            ORDER BY o.paid_at, o.id, l.id
            """, r =>
            {
                var currency = r.GetString(16).Trim();
                return new object?[]
                {
                    period.Local(r.GetFieldValue<DateTimeOffset>(0)), r.GetGuid(1).ToString(), r.GetString(2), period.Local(r.GetFieldValue<DateTimeOffset>(3)),
                    r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), buyer.Unprotect(r.GetString(8)), buyer.Unprotect(r.GetString(9)),
                    r.IsDBNull(10) ? null : r.GetString(10), r.GetInt32(11), r.GetInt32(12),
                    Amounts.Major(r.GetInt64(13), currency), Amounts.Major(r.GetInt64(14), currency), Amounts.Major(r.GetInt64(15), currency), currency,
                };
            }, ct, PeriodParams(period, eventId));

    private static NpgsqlParameter[] PeriodParams(ReportPeriod period, Guid? eventId) =>
        [Param("start", period.Start), Param("end", period.End), Param("tz", period.TimeZone), Param("event", eventId)];
}
