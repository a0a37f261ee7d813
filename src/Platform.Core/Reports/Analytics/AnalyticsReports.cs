using Npgsql;
using Platform.PostEvent.Counts;
using static Platform.Reports.ReportSql;

namespace Platform.Reports.Analytics;

/// <summary>
/// The statistician's analytics (issue #18 item 2), computed by PostgreSQL from orders and payments like the sales
/// reports: an order counts once it took money (paid, partially refunded, refunded), at the instant it was paid.
/// </summary>
internal sealed class AnalyticsReports(ReportSql sql)
{
    private const string Sold = "o.state IN ('paid', 'partially_refunded', 'refunded')";

    /// <summary>Orders per ISO weekday and hour of the tenant's wall clock (so a 20:00 Friday rush is 20:00 wherever the server runs).</summary>
    public Task<List<HeatMapCell>> HeatMapAsync(ReportPeriod period, Guid? eventId, CancellationToken ct) =>
        sql.ListAsync($"""
            SELECT extract(isodow FROM o.paid_at AT TIME ZONE @tz)::int, extract(hour FROM o.paid_at AT TIME ZONE @tz)::int,
                   count(*)::int, coalesce(sum((SELECT sum(l.quantity) FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id)), 0)::int
            FROM orders o
            WHERE {Sold} AND o.paid_at >= @start AND o.paid_at < @end AND (@event IS NULL OR o.event_id = @event)
            GROUP BY 1, 2
            ORDER BY 1, 2
            """, r => new HeatMapCell(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), ct, PeriodParams(period, eventId));

    /// <summary>Holds started in the period, those that became an order, and those orders that took money: one cohort, so each step is a subset of the last.</summary>
    public async Task<(long Views, int Holds, int Orders, int Paid)> FunnelAsync(ReportPeriod period, Guid? eventId, CancellationToken ct) =>
        (await sql.ListAsync($"""
            SELECT (SELECT coalesce(sum(c.count), 0)::bigint FROM event_outcome_counts c
                    WHERE c.step = '{PageViewBuffer.Step}' AND c.minute >= @start AND c.minute < @end AND (@event IS NULL OR c.event_id = @event)),
                   count(DISTINCT h.id)::int, count(DISTINCT o.id)::int, count(DISTINCT o.id) FILTER (WHERE {Sold})::int
            FROM holds h
            LEFT JOIN orders o ON o.tenant_id = h.tenant_id AND o.hold_id = h.id
            WHERE h.created_at >= @start AND h.created_at < @end AND (@event IS NULL OR h.event_id = @event)
            """, r => (r.GetInt64(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), ct, PeriodParams(period, eventId))).Single();

    /// <summary>Refunds by bucket and reason; <paramref name="interval"/> is day, week or month (validated by the endpoint).</summary>
    public Task<List<RefundReasonTrendRow>> RefundReasonsAsync(ReportPeriod period, Guid? eventId, string interval, CancellationToken ct) =>
        sql.ListAsync("""
            SELECT to_char(date_trunc(@interval, p.created_at AT TIME ZONE @tz), 'YYYY-MM-DD'), coalesce(p.reason, ''), p.currency,
                   count(*)::int, sum(p.amount)::bigint
            FROM payments p
            JOIN orders o ON o.tenant_id = p.tenant_id AND o.id = p.order_id
            WHERE p.kind = 'refund' AND p.status = 'succeeded' AND p.created_at >= @start AND p.created_at < @end
              AND (@event IS NULL OR o.event_id = @event)
            GROUP BY 1, 2, 3
            ORDER BY 1, 5 DESC, 2
            """, r => new RefundReasonTrendRow(DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd"), r.GetString(1), r.GetString(2).Trim(), r.GetInt32(3),
                r.GetInt64(4)), ct, [.. PeriodParams(period, eventId), Param("interval", interval)]);

    /// <summary>The event's on-sale time: the earliest opening of any of its sales windows.</summary>
    public async Task<DateTimeOffset?> OnSaleAtAsync(Guid eventId, CancellationToken ct) =>
        (await sql.ListAsync("SELECT min(w.opens_at) FROM sales_windows w WHERE w.event_id = @event",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), ct, Param("event", (Guid?)eventId))).Single();

    /// <summary>
    /// Orders per whole minute since <paramref name="onSaleAt"/>; minute −1 collects everything paid before it and
    /// <paramref name="minutes"/> everything after the covered span, so one statement answers all three.
    /// </summary>
    public Task<List<SalesVelocityRow>> VelocityAsync(Guid eventId, DateTimeOffset onSaleAt, int minutes, CancellationToken ct) =>
        sql.ListAsync($"""
            SELECT least(greatest(floor(extract(epoch FROM o.paid_at - @onsale) / 60), -1), @minutes)::int AS minute,
                   count(*)::int, coalesce(sum((SELECT sum(l.quantity) FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id)), 0)::int
            FROM orders o
            WHERE {Sold} AND o.event_id = @event AND o.paid_at IS NOT NULL
            GROUP BY 1
            ORDER BY 1
            """, r => new SalesVelocityRow(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2)), ct,
            Param("event", (Guid?)eventId), Param("onsale", onSaleAt), Param("minutes", minutes));

    private static NpgsqlParameter[] PeriodParams(ReportPeriod period, Guid? eventId) =>
        [Param("start", period.Start), Param("end", period.End), Param("tz", period.TimeZone), Param("event", eventId)];
}
