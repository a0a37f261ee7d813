using Microsoft.EntityFrameworkCore;
using Platform.Payments.Stripe;
using Platform.Payments.Stripe.Balance;
using Platform.Persistence;
using static Platform.Reports.ReportSql;

namespace Platform.Reports.Finance.Provider;

/// <summary>
/// Our Stripe payments and refunds against the synced copy of Stripe's balance transactions (ADR 0059). Matching is
/// by the reference our rows carry (the PaymentIntent of a payment, the refund's id), done here in SQL rather than
/// trusting the sync's payment_id: a webhook recorded after the sync still matches. Our movements newer than the last
/// successful sync are not judged (Stripe's side of them has not been read yet): they are counted as pending.
/// </summary>
internal sealed class ProviderReconciliationReport(ReportSql sql, PlatformDbContext db, StripeAccounts accounts)
{
    public const int MaxMismatches = 500;

    // Which of Stripe's transaction types are a charge and a refund of a payment (both API generations' names).
    private const string TheirKind = """
        CASE WHEN t.type IN ('charge', 'payment') THEN 'payment' WHEN t.type IN ('refund', 'payment_refund') THEN 'refund' END
        """;

    private const string TheirReference = "CASE WHEN t.type IN ('charge', 'payment') THEN t.payment_intent_id ELSE t.source_id END";

    public async Task<ProviderReconciliationResponse> RunAsync(ReportPeriod period, CancellationToken ct)
    {
        var state = await db.Set<StripeBalanceSyncState>().AsNoTracking().FirstOrDefaultAsync(ct);
        if (state is null && await accounts.FindAsync(ct) is null)
        {
            // No provider ledger to compare with: said plainly, not shown as a clean match.
            return new ProviderReconciliationResponse(period.From, period.To, period.TimeZone, "none", null, [], [], [], 0);
        }

        var sync = new ProviderSyncResponse(state?.Account, state?.LastSyncedAt, state?.LastAttemptAt, state?.LastError);
        var synced = state?.LastSyncedAt ?? DateTimeOffset.MinValue;
        var parameters = () => new[] { Param("start", period.Start), Param("end", period.End), Param("tz", period.TimeZone), Param("synced", synced) };

        var ours = await sql.ListAsync("""
            SELECT to_char(p.created_at AT TIME ZONE @tz, 'YYYY-MM-DD'), p.currency,
                   count(*) FILTER (WHERE p.kind = 'payment')::int, coalesce(sum(p.amount) FILTER (WHERE p.kind = 'payment'), 0)::bigint,
                   count(*) FILTER (WHERE p.kind = 'refund')::int, coalesce(sum(p.amount) FILTER (WHERE p.kind = 'refund'), 0)::bigint,
                   count(*) FILTER (WHERE p.created_at >= @synced)::int
            FROM payments p
            WHERE p.provider = 'stripe' AND p.status = 'succeeded' AND p.created_at >= @start AND p.created_at < @end
            GROUP BY 1, 2
            """, r => (Day: r.GetString(0), Currency: r.GetString(1).Trim(), Payments: r.GetInt32(2), Paid: r.GetInt64(3), Refunds: r.GetInt32(4),
                Refunded: r.GetInt64(5), Pending: r.GetInt32(6)), ct, parameters());
        var theirs = await sql.ListAsync($"""
            SELECT to_char(t.created AT TIME ZONE @tz, 'YYYY-MM-DD'), t.currency,
                   count(*) FILTER (WHERE {TheirKind} = 'payment')::int, coalesce(sum(t.amount) FILTER (WHERE {TheirKind} = 'payment'), 0)::bigint,
                   count(*) FILTER (WHERE {TheirKind} = 'refund')::int, coalesce(-sum(t.amount) FILTER (WHERE {TheirKind} = 'refund'), 0)::bigint,
                   coalesce(sum(t.stripe_fee) FILTER (WHERE t.type <> 'payout'), 0)::bigint,
                   coalesce(sum(t.application_fee) FILTER (WHERE t.type <> 'payout'), 0)::bigint,
                   coalesce(sum(t.net) FILTER (WHERE t.type <> 'payout'), 0)::bigint,
                   coalesce(-sum(t.amount) FILTER (WHERE t.type = 'payout'), 0)::bigint
            FROM stripe_balance_transactions t
            WHERE t.created >= @start AND t.created < @end
            GROUP BY 1, 2
            """, r => (Day: r.GetString(0), Currency: r.GetString(1).Trim(), Charges: r.GetInt32(2), Charged: r.GetInt64(3), Refunds: r.GetInt32(4),
                Refunded: r.GetInt64(5), StripeFees: r.GetInt64(6), ApplicationFees: r.GetInt64(7), Net: r.GetInt64(8), Payouts: r.GetInt64(9)),
            ct, parameters());

        var days = ours.Select(o => (o.Day, o.Currency)).Union(theirs.Select(t => (t.Day, t.Currency))).Order().Select(key =>
        {
            var o = ours.FirstOrDefault(x => (x.Day, x.Currency) == key);
            var t = theirs.FirstOrDefault(x => (x.Day, x.Currency) == key);
            return new ProviderDayRow(DateOnly.ParseExact(key.Day, "yyyy-MM-dd"), key.Currency, o.Payments, o.Paid, o.Refunds, o.Refunded,
                t.Charges, t.Charged, t.Refunds, t.Refunded, t.StripeFees, t.ApplicationFees, t.Net, t.Payouts);
        }).ToList();
        var totals = theirs.GroupBy(t => t.Currency).OrderBy(g => g.Key).Select(g => new ProviderTotalsRow(g.Key, g.Sum(t => t.Charged - t.Refunded),
            g.Sum(t => t.StripeFees), g.Sum(t => t.ApplicationFees), g.Sum(t => t.Net), g.Sum(t => t.Payouts))).ToList();

        var mismatches = await sql.ListAsync($"""
            WITH ours AS (
                SELECT p.id, p.order_id, p.kind, p.reference, p.amount, p.currency, p.created_at
                FROM payments p
                WHERE p.provider = 'stripe' AND p.status = 'succeeded' AND p.created_at >= @start AND p.created_at < @end),
            theirs AS (
                SELECT t.id, {TheirKind} AS kind, {TheirReference} AS reference, t.source_amount, t.source_currency, t.created
                FROM stripe_balance_transactions t
                WHERE t.type IN ('charge', 'payment', 'refund', 'payment_refund'))
            SELECT 'missing_at_provider', to_char(o.created_at AT TIME ZONE @tz, 'YYYY-MM-DD') AS day, o.kind, o.id, o.order_id, o.reference,
                   NULL::text, o.amount, o.currency::text, NULL::bigint, NULL::text
            FROM ours o
            WHERE o.created_at < @synced AND NOT EXISTS (SELECT 1 FROM theirs t WHERE t.kind = o.kind AND t.reference = o.reference)
            UNION ALL
            SELECT CASE WHEN t.source_currency <> o.currency THEN 'currency_differs' ELSE 'amount_differs' END,
                   to_char(o.created_at AT TIME ZONE @tz, 'YYYY-MM-DD'), o.kind, o.id, o.order_id, o.reference, t.id, o.amount, o.currency::text,
                   t.source_amount, t.source_currency::text
            FROM ours o JOIN theirs t ON t.kind = o.kind AND t.reference = o.reference
            WHERE t.source_amount IS DISTINCT FROM o.amount OR t.source_currency IS DISTINCT FROM o.currency
            UNION ALL
            SELECT 'missing_here', to_char(t.created AT TIME ZONE @tz, 'YYYY-MM-DD'), t.kind, NULL, NULL, t.reference, t.id, NULL, NULL,
                   t.source_amount, t.source_currency::text
            FROM theirs t
            WHERE t.created >= @start AND t.created < @end
              AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.provider = 'stripe' AND p.status = 'succeeded' AND p.kind = t.kind
                                                         AND p.reference = t.reference)
            ORDER BY 2, 1, 6
            LIMIT {MaxMismatches}
            """, r => new ProviderMismatchRow(r.GetString(0), DateOnly.ParseExact(r.GetString(1), "yyyy-MM-dd"), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetGuid(3), r.IsDBNull(4) ? null : r.GetGuid(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8).Trim(),
                r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10).Trim()), ct, parameters());

        return new ProviderReconciliationResponse(period.From, period.To, period.TimeZone, "stripe", sync, days, totals, mismatches,
            ours.Sum(o => o.Pending));
    }
}
