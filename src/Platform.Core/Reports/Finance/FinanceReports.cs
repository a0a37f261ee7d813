using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using static Platform.Reports.ReportSql;

namespace Platform.Reports.Finance;

/// <summary>
/// The daily close and the accounting journal, both from the payments table (money that actually moved), dated by the
/// tenant's calendar day of the movement. Each payment posts a balanced set of lines, so debits equal credits for any
/// period by construction.
/// </summary>
internal sealed class FinanceReports(ReportSql sql, PlatformDbContext db)
{
    public async Task<Dictionary<string, string>> AccountsAsync(CancellationToken ct)
    {
        var own = await db.Set<AccountMapping>().AsNoTracking().ToDictionaryAsync(m => m.Key, m => m.Account, ct);
        return ChartOfAccounts.Defaults.ToDictionary(d => d.Key, d => own.GetValueOrDefault(d.Key, d.Value));
    }

    public IAsyncEnumerable<DailyCloseRow> DailyCloseAsync(ReportPeriod period, CancellationToken ct) =>
        sql.StreamAsync("""
            SELECT to_char(p.created_at AT TIME ZONE @tz, 'YYYY-MM-DD'), p.provider, p.currency,
                   count(*) FILTER (WHERE p.kind = 'payment')::int, coalesce(sum(p.amount) FILTER (WHERE p.kind = 'payment'), 0)::bigint,
                   count(*) FILTER (WHERE p.kind = 'refund')::int, coalesce(sum(p.amount) FILTER (WHERE p.kind = 'refund'), 0)::bigint,
                   coalesce(sum(o.fees) FILTER (WHERE p.kind = 'payment'), 0)::bigint
            FROM payments p
            JOIN orders o ON o.tenant_id = p.tenant_id AND o.id = p.order_id
            WHERE p.status = 'succeeded' AND p.created_at >= @start AND p.created_at < @end
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            """, r =>
            {
                var taken = r.GetInt64(4);
                var refunded = r.GetInt64(6);
                return new DailyCloseRow(DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd"), r.GetString(1), r.GetString(2).Trim(), r.GetInt32(3), taken,
                    r.GetInt32(5), refunded, r.GetInt64(7), taken - refunded);
            }, ct, Param("start", period.Start), Param("end", period.End), Param("tz", period.TimeZone));

    /// <summary>The journal, payment by payment (streamed: one payment's lines at a time).</summary>
    public async IAsyncEnumerable<JournalLine> JournalAsync(ReportPeriod period, IReadOnlyDictionary<string, string> accounts,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var movements = sql.StreamAsync("""
            SELECT to_char(p.created_at AT TIME ZONE @tz, 'YYYY-MM-DD'), p.id, p.order_id, p.provider, p.kind, p.amount, p.currency, o.fees, o.tax
            FROM payments p
            JOIN orders o ON o.tenant_id = p.tenant_id AND o.id = p.order_id
            WHERE p.status = 'succeeded' AND p.created_at >= @start AND p.created_at < @end
            ORDER BY p.created_at, p.id
            """, r => (Day: DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd"), Id: r.GetGuid(1), OrderId: r.GetGuid(2), Provider: r.GetString(3),
                Kind: r.GetString(4), Amount: r.GetInt64(5), Currency: r.GetString(6).Trim(), Fees: r.GetInt64(7), Tax: r.GetInt64(8)),
            ct, Param("start", period.Start), Param("end", period.End), Param("tz", period.TimeZone));
        await foreach (var m in movements)
        {
            var clearing = accounts.GetValueOrDefault("clearing." + m.Provider) ?? accounts["clearing"];
            var reference = $"order {m.OrderId} payment {m.Id}";
            if (m.Kind == "refund")
            {
                yield return new JournalLine(m.Day, accounts["refunds"], m.Amount, 0, m.Currency, reference, "refund " + m.Provider);
                yield return new JournalLine(m.Day, clearing, 0, m.Amount, m.Currency, reference, "refund " + m.Provider);
                continue;
            }

            // Fees and tax are parts of the total (the quote adds them in, or tax is included): revenue is the rest.
            var fees = Math.Min(m.Fees, m.Amount);
            var tax = Math.Min(m.Tax, m.Amount - fees);
            yield return new JournalLine(m.Day, clearing, m.Amount, 0, m.Currency, reference, "payment " + m.Provider);
            yield return new JournalLine(m.Day, accounts["ticket_revenue"], 0, m.Amount - fees - tax, m.Currency, reference, "tickets");
            if (fees > 0)
            {
                yield return new JournalLine(m.Day, accounts["fee_revenue"], 0, fees, m.Currency, reference, "fees");
            }

            if (tax > 0)
            {
                yield return new JournalLine(m.Day, accounts["tax_payable"], 0, tax, m.Currency, reference, "tax");
            }
        }

        // What Stripe kept and paid out, from the synced balance transactions (ADR 0059).
        await foreach (var line in Provider.ProviderJournal.LinesAsync(sql, period, accounts, ct))
        {
            yield return line;
        }
    }
}
