using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Events;
using Platform.Persistence;
using Platform.PostEvent.Counts;
using Platform.PostEvent.Incidents;
using Platform.PostEvent.Notes;
using Platform.Reports;
using Platform.Reports.Sales;
using Platform.Tenancy;
using Platform.WaitingRoom;
using static Platform.Reports.ReportSql;

namespace Platform.PostEvent.Report;

/// <summary>
/// Builds the post-event report from what PostgreSQL holds: orders, payments, tickets and admissions for the sale,
/// <c>event_outcome_counts</c> for problem codes and payment failures, the waiting room's rows, incidents and notes.
/// Each figure is one aggregate statement run under the tenant's Row-Level Security (<see cref="ReportSql"/>).
/// </summary>
internal sealed class PostEventReports(ReportSql sql, PlatformDbContext db, TenantContext tenant, EventOutcomeFlusher flusher, ReportNotes notes,
    IOptions<WaitingRoomOptions> rooms, TimeProvider clock)
{
    public static readonly string[] Buckets = ["minute", "hour", "day"];

    private const string Sold = "o.state IN ('paid', 'partially_refunded', 'refunded')";

    /// <summary>The report, or null when the event is not the tenant's (RLS and the query filter hide other tenants' events).</summary>
    public async Task<PostEventReportResponse?> BuildAsync(Guid eventId, string bucket, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId).Select(e => new { e.Title, e.TimeZone }).SingleOrDefaultAsync(ct);
        if (ev is null)
        {
            return null;
        }

        // This node's counts of the last seconds first, so a report read right after the sale has them (other nodes
        // flush on their own interval).
        await flusher.FlushAsync(ct);
        var tenantId = tenant.RequiredTenantId;
        var currency = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.DefaultCurrency).SingleAsync(ct);
        var p = new Func<NpgsqlParameter[]>(() => [Param("event", eventId), Param("tz", ev.TimeZone), Param("unit", bucket)]);

        var window = await WindowAsync(eventId, ct);
        var sales = await sql.ListAsync($"""
            SELECT b, (b AT TIME ZONE @tz), sum(placed)::int, sum(paid)::int, sum(tickets)::int, sum(gross)::bigint, sum(problems)::bigint FROM (
                SELECT date_trunc(@unit, o.created_at AT TIME ZONE @tz) AS b, 1 AS placed, 0 AS paid, 0 AS tickets, 0::bigint AS gross, 0::bigint AS problems
                FROM orders o WHERE o.event_id = @event
                UNION ALL
                SELECT date_trunc(@unit, o.paid_at AT TIME ZONE @tz), 0, 1,
                       (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id), o.total, 0
                FROM orders o WHERE o.event_id = @event AND o.paid_at IS NOT NULL AND {Sold}
                UNION ALL
                SELECT date_trunc(@unit, c.minute AT TIME ZONE @tz), 0, 0, 0, 0, c.count
                FROM event_outcome_counts c WHERE c.event_id = @event AND c.outcome NOT IN ('success', 'pending')
            ) x
            GROUP BY b ORDER BY b
            """, r => new SalesBucket(r.GetFieldValue<DateTimeOffset>(1), r.GetDateTime(0).ToString(bucket == "day" ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm",
                System.Globalization.CultureInfo.InvariantCulture), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5), r.GetInt64(6)), ct, p());

        var totals = (await sql.ListAsync($"""
            SELECT count(*)::int, count(*) FILTER (WHERE {Sold})::int, coalesce(sum(l.q) FILTER (WHERE {Sold}), 0)::int,
                   coalesce(sum(o.total) FILTER (WHERE {Sold}), 0)::bigint, coalesce(sum(o.refunded_amount) FILTER (WHERE {Sold}), 0)::bigint
            FROM orders o
            LEFT JOIN LATERAL (SELECT sum(x.quantity) AS q FROM order_lines x WHERE x.tenant_id = o.tenant_id AND x.order_id = o.id) l ON true
            WHERE o.event_id = @event
            """, r => new SaleTotals(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(3) - r.GetInt64(4)), ct, p())).Single();

        var peaks = (await sql.ListAsync($"""
            SELECT (SELECT count(*) FROM orders o WHERE o.event_id = @event GROUP BY date_trunc('minute', o.created_at) ORDER BY 1 DESC LIMIT 1)::int,
                   (SELECT date_trunc('minute', o.created_at) FROM orders o WHERE o.event_id = @event GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
                   (SELECT count(*) FROM orders o WHERE o.event_id = @event AND o.paid_at IS NOT NULL AND {Sold} GROUP BY date_trunc('minute', o.paid_at) ORDER BY 1 DESC LIMIT 1)::int,
                   (SELECT date_trunc('minute', o.paid_at) FROM orders o WHERE o.event_id = @event AND o.paid_at IS NOT NULL AND {Sold} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
            """, r => new SalePeaks(r.IsDBNull(0) ? 0 : r.GetInt32(0), r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1),
                r.IsDBNull(2) ? 0 : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3)), ct, p())).Single();

        var outcomes = await sql.ListAsync("""
            SELECT step, outcome, sum(count)::bigint FROM event_outcome_counts WHERE event_id = @event AND step <> 'view' GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2
            """, r => new ErrorCodeCount(r.GetString(0), r.GetString(1), r.GetInt64(2)), ct, p());
        var payments = outcomes.Where(o => o.Step == "payment" && o.Code != "pending").ToList();
        var paymentAttempts = payments.Sum(o => o.Count);
        var paymentFailures = payments.Where(o => o.Code != "success").Sum(o => o.Count);
        var rates = new SuccessRates(
            totals.OrdersPlaced == 0 ? null : Math.Round((decimal)totals.OrdersPaid / totals.OrdersPlaced, 4),
            paymentAttempts == 0 ? null : Math.Round((decimal)(paymentAttempts - paymentFailures) / paymentAttempts, 4),
            paymentAttempts, paymentFailures);

        var refunds = await sql.ListAsync("""
            SELECT coalesce(p.reason, ''), p.currency, count(*)::int, sum(p.amount)::bigint
            FROM payments p JOIN orders o ON o.tenant_id = p.tenant_id AND o.id = p.order_id
            WHERE p.kind = 'refund' AND p.status = 'succeeded' AND o.event_id = @event
            GROUP BY 1, 2 ORDER BY 4 DESC, 1
            """, r => new RefundReasonRow(r.GetString(0), r.GetString(1).Trim(), r.GetInt32(2), r.GetInt64(3)), ct, p());

        var abandonedBefore = clock.GetUtcNow() - rooms.Value.PassLifetime;
        var queue = (await sql.ListAsync("""
            SELECT (SELECT count(*) FROM waiting_room_tickets t WHERE t.event_id = @event), r.presale_admitted + r.general_admitted,
                   (SELECT count(*) FROM waiting_room_tickets t WHERE t.event_id = @event AND t.pass_issued_at IS NOT NULL),
                   (SELECT count(*) FROM waiting_room_tickets t WHERE t.event_id = @event AND t.pass_used_at IS NOT NULL),
                   (SELECT count(*) FROM waiting_room_tickets t WHERE t.event_id = @event AND t.pass_issued_at < @abandoned AND t.pass_used_at IS NULL),
                   r.rate_per_minute
            FROM waiting_rooms r WHERE r.event_id = @event
            """, r => new QueueStatistics(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt32(5)), ct,
            [Param("event", eventId), Param("abandoned", abandonedBefore)])).SingleOrDefault();

        var checkIn = (await sql.ListAsync("""
            SELECT count(*)::int, count(a.ticket_id)::int
            FROM tickets t LEFT JOIN ticket_admissions a ON a.tenant_id = t.tenant_id AND a.ticket_id = t.id
            WHERE t.state = 'valid' AND t.event_id = @event
            """, r => new CheckInFigures(r.GetInt32(0), r.GetInt32(1), r.GetInt32(0) == 0 ? null : Math.Round((decimal)r.GetInt32(1) / r.GetInt32(0), 4)),
            ct, p())).Single();

        return new PostEventReportResponse(eventId, ev.Title, ev.TimeZone, currency, clock.GetUtcNow(), window, bucket, sales, totals, peaks, rates,
            [.. outcomes.Where(o => o.Code is not "success" and not "pending")], refunds, queue, checkIn,
            await IncidentsAsync(tenantId, eventId, window, ct), await notes.ListAsync(eventId, ct));
    }

    private async Task<ReportWindow> WindowAsync(Guid eventId, CancellationToken ct) =>
        (await sql.ListAsync("""
            SELECT least((SELECT min(w.opens_at) FROM sales_windows w WHERE w.event_id = @event), (SELECT min(o.created_at) FROM orders o WHERE o.event_id = @event)),
                   greatest((SELECT max(oc.ends_at) FROM event_occurrences oc WHERE oc.event_id = @event), (SELECT max(o.created_at) FROM orders o WHERE o.event_id = @event)),
                   (SELECT min(oc.starts_at) FROM event_occurrences oc WHERE oc.event_id = @event),
                   (SELECT max(oc.ends_at) FROM event_occurrences oc WHERE oc.event_id = @event)
            """, r => new ReportWindow(At(r, 0), At(r, 1), At(r, 2), At(r, 3)), ct, Param("event", eventId))).Single();

    private static DateTimeOffset? At(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    /// <summary>Alerts that overlap the sale: platform-wide ones, and those labelled with this tenant or event.</summary>
    private async Task<List<IncidentResponse>> IncidentsAsync(Guid tenantId, Guid eventId, ReportWindow window, CancellationToken ct)
    {
        if (window.From is not { } from || window.To is not { } to)
        {
            return [];
        }

        return await db.Set<Incident>().AsNoTracking()
            .Where(i => i.StartsAt <= to && (i.EndsAt == null || i.EndsAt >= from))
            .Where(i => (i.AlertTenantId == null || i.AlertTenantId == tenantId) && (i.AlertEventId == null || i.AlertEventId == eventId))
            .OrderBy(i => i.StartsAt).Take(200)
            .Select(i => new IncidentResponse(i.Id, i.AlertName, i.Severity, i.Status, i.Summary, i.StartsAt, i.EndsAt))
            .ToListAsync(ct);
    }
}
