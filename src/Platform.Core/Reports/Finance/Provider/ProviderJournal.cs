using static Platform.Reports.ReportSql;

namespace Platform.Reports.Finance.Provider;

/// <summary>
/// The journal's lines for what Stripe did with the money after the sale (ADR 0059), from the synced balance
/// transactions: Stripe's processing fees (debit provider_fees, credit the Stripe clearing account), the platform's
/// application fees (debit platform_fees, credit clearing; a refunded fee the other way round) and payouts (debit
/// bank, credit clearing; a failed payout coming back the other way round). Each transaction posts balanced pairs, so
/// the journal stays balanced; with sales and refunds debiting and crediting the same clearing account, clearing
/// comes to zero once everything is paid out.
/// </summary>
internal static class ProviderJournal
{
    public static async IAsyncEnumerable<JournalLine> LinesAsync(ReportSql sql, ReportPeriod period, IReadOnlyDictionary<string, string> accounts,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var clearing = accounts.GetValueOrDefault("clearing.stripe") ?? accounts["clearing"];
        var rows = sql.StreamAsync("""
            SELECT to_char(t.created AT TIME ZONE @tz, 'YYYY-MM-DD'), t.id, t.type, t.source_id, t.amount, t.stripe_fee, t.application_fee, t.currency
            FROM stripe_balance_transactions t
            WHERE t.created >= @start AND t.created < @end AND (t.fee <> 0 OR t.type LIKE 'payout%')
            ORDER BY t.created, t.id
            """, r => (Day: DateOnly.ParseExact(r.GetString(0), "yyyy-MM-dd"), Id: r.GetString(1), Type: r.GetString(2),
                Source: r.IsDBNull(3) ? null : r.GetString(3), Amount: r.GetInt64(4), StripeFee: r.GetInt64(5), ApplicationFee: r.GetInt64(6),
                Currency: r.GetString(7).Trim()), ct, Param("start", period.Start), Param("end", period.End), Param("tz", period.TimeZone));
        await foreach (var t in rows)
        {
            var reference = $"stripe {t.Id} {t.Source}".TrimEnd();
            if (t.Type.StartsWith("payout", StringComparison.Ordinal))
            {
                // A payout's amount is negative on the balance (money leaves Stripe for the bank).
                foreach (var line in Pair(t.Day, accounts["bank"], clearing, -t.Amount, t.Currency, reference, "payout"))
                {
                    yield return line;
                }

                continue;
            }

            foreach (var line in Pair(t.Day, accounts["provider_fees"], clearing, t.StripeFee, t.Currency, reference, "stripe fee"))
            {
                yield return line;
            }

            foreach (var line in Pair(t.Day, accounts["platform_fees"], clearing, t.ApplicationFee, t.Currency, reference, "platform fee"))
            {
                yield return line;
            }
        }
    }

    /// <summary>Debit <paramref name="debit"/> and credit <paramref name="credit"/> by the amount (swapped when it is negative; nothing when zero).</summary>
    private static IEnumerable<JournalLine> Pair(DateOnly day, string debit, string credit, long amount, string currency, string reference, string text)
    {
        if (amount == 0)
        {
            yield break;
        }

        var (d, c) = amount > 0 ? (debit, credit) : (credit, debit);
        yield return new JournalLine(day, d, Math.Abs(amount), 0, currency, reference, text);
        yield return new JournalLine(day, c, 0, Math.Abs(amount), currency, reference, text);
    }
}
