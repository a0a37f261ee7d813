using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.Http;
using Platform.Identity.Users;
using Platform.Payments;
using Platform.Persistence;
using Platform.Reports;
using Platform.Tenancy;

namespace Platform.CashUp;

/// <summary>
/// The day's cash-up per seller: what the platform recorded each seller taking at the box office (cash and card
/// terminal payments they took, minus refunds they paid out, by payments.created_by = "user:" + their id) on one of
/// the tenant's days, and the cash they counted. Reads and writes stay in the caller's tenant (query filter and RLS).
/// </summary>
public sealed class CashUpService(PlatformDbContext db, TenantContext tenant, TimeProvider clock, AuditLog audit)
{
    private static readonly string[] Methods = ["cash", "card_terminal"];

    /// <summary>The earliest day a cash-up covers: well before the platform existed, far from date arithmetic's limits.</summary>
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The tenant's day (default today), or an error text when the date is out of range (not after tomorrow).</summary>
    public async Task<(ReportPeriod? Day, string? Error)> DayAsync(DateOnly? date, CancellationToken ct)
    {
        var (today, _) = await ReportPeriod.ForTenantAsync(db, tenant, null, null, clock, ct);
        var day = date ?? today!.To;
        if (day < Earliest || day > today!.To.AddDays(1))
        {
            return (null, $"date must be a day from {Earliest:yyyy-MM-dd} to tomorrow ({today!.To.AddDays(1):yyyy-MM-dd}).");
        }

        return await ReportPeriod.ForTenantAsync(db, tenant, day, day, clock, ct);
    }

    /// <summary>Every seller with box-office money or a count that day, or only <paramref name="sellerId"/> (shown even with nothing taken).</summary>
    public async Task<CashUpResponse> ReadAsync(ReportPeriod day, string? sellerId, CancellationToken ct)
    {
        var createdBy = sellerId is null ? null : "user:" + sellerId;
        var moved = await db.Set<Payment>().AsNoTracking()
            .Where(p => p.Status == Payment.Succeeded && Methods.Contains(p.Provider) && p.CreatedAt >= day.Start && p.CreatedAt < day.End
                        && p.CreatedBy != null && p.CreatedBy.StartsWith("user:") && (createdBy == null || p.CreatedBy == createdBy))
            .GroupBy(p => new { p.CreatedBy, p.Currency, p.Provider, p.Kind })
            .Select(g => new { g.Key.CreatedBy, g.Key.Currency, g.Key.Provider, g.Key.Kind, Amount = g.Sum(p => p.Amount), Count = g.Count() })
            .ToListAsync(ct);
        var counts = await db.Set<CashCount>().AsNoTracking()
            .Where(c => c.Day == day.From && (sellerId == null || c.SellerId == sellerId))
            .OrderBy(c => c.Revision).ToListAsync(ct);

        var keys = moved.Select(m => (Seller: m.CreatedBy!["user:".Length..], Currency: m.Currency.Trim()))
            .Concat(counts.Select(c => (Seller: c.SellerId, Currency: c.Currency.Trim())))
            .ToHashSet();
        if (sellerId is not null && keys.Count == 0)
        {
            keys.Add((sellerId, day.Currency));
        }

        var names = await NamesAsync(keys.Select(k => k.Seller).Distinct(), ct);
        var sellers = keys.OrderBy(k => names.GetValueOrDefault(k.Seller) ?? k.Seller, StringComparer.CurrentCulture).ThenBy(k => k.Currency)
            .Select(k =>
            {
                var mine = moved.Where(m => m.CreatedBy == "user:" + k.Seller && m.Currency.Trim() == k.Currency).ToList();
                CashUpMethodTotals Totals(string method)
                {
                    var paid = mine.Where(m => m.Provider == method && m.Kind == Payment.KindPayment).ToList();
                    var refunded = mine.Where(m => m.Provider == method && m.Kind == Payment.KindRefund).ToList();
                    var (taken, out_) = (paid.Sum(m => m.Amount), refunded.Sum(m => m.Amount));
                    return new CashUpMethodTotals(taken, paid.Sum(m => m.Count), out_, refunded.Sum(m => m.Count), taken - out_);
                }

                var cash = Totals("cash");
                var revisions = counts.Where(c => c.SellerId == k.Seller && c.Currency.Trim() == k.Currency).Select(ToResponse).ToList();
                return new SellerCashUpResponse(k.Seller, names.GetValueOrDefault(k.Seller), k.Currency, cash, Totals("card_terminal"), cash.Net,
                    revisions.LastOrDefault(), revisions);
            })
            .ToList();
        return new CashUpResponse(day.From, day.TimeZone, sellers);
    }

    /// <summary>
    /// Records the seller's count for the day: the first one, or (correction) the next revision with its note, both in
    /// the audit log. The expected cash and the difference are fixed now, as the seller saw them.
    /// </summary>
    public async Task<CashCount> RecordAsync(ReportPeriod day, string sellerId, RecordCashCountRequest request, CancellationToken ct)
    {
        var currency = request.Currency ?? day.Currency.Trim();
        var (today, _) = await ReportPeriod.ForTenantAsync(db, tenant, null, null, clock, ct);
        if (day.From > today!.To)
        {
            throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
                new Dictionary<string, string[]> { ["date"] = ["A day that has not begun cannot be counted."] });
        }

        var latest = await db.Set<CashCount>().AsNoTracking()
            .Where(c => c.SellerId == sellerId && c.Day == day.From && c.Currency == currency)
            .OrderByDescending(c => c.Revision).FirstOrDefaultAsync(ct);
        var correction = request.Correction == true;
        if (latest is not null && !correction)
        {
            throw new ConflictException("cash_up_already_counted",
                $"The cash for {day.From:yyyy-MM-dd} is already counted ({latest.CountedCash} {currency} at revision {latest.Revision}); send correction: true with a note to correct it.");
        }

        if (latest is null && correction)
        {
            throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
                new Dictionary<string, string[]> { ["correction"] = ["There is no count for this day to correct yet; record it without correction."] });
        }

        var expected = (await ReadAsync(day, sellerId, ct)).Sellers.FirstOrDefault(s => s.Currency == currency)?.ExpectedCash ?? 0;
        var count = new CashCount
        {
            SellerId = sellerId,
            Day = day.From,
            Currency = currency,
            Revision = (latest?.Revision ?? 0) + 1,
            ExpectedCash = expected,
            CountedCash = request.CountedCash!.Value,
            Difference = request.CountedCash.Value - expected,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            CountedBy = "user:" + sellerId,
            CountedAt = PostgresTime.Now(clock),
        };
        db.Add(count);
        audit.Record(correction ? "box_office.cash_count_corrected" : "box_office.cash_count_recorded", "cash_count", count.Id.ToString(),
            new Dictionary<string, FieldChange>
            {
                ["countedCash"] = new(latest?.CountedCash, count.CountedCash),
                ["difference"] = new(latest?.Difference, count.Difference),
                ["note"] = new(latest?.Note, count.Note),
            });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another till recorded the same revision a moment earlier: that count stands.
            throw new ConflictException("cash_up_already_counted", "The cash for this day was counted meanwhile; reload the cash-up.");
        }

        return count;
    }

    private static CashCountResponse ToResponse(CashCount c) =>
        new(c.Id, c.Revision, c.ExpectedCash, c.CountedCash, c.Difference, c.Note, c.CountedBy, c.CountedAt);

    /// <summary>Display names of sellers who are platform users (the tenant's members); other subjects show by id.</summary>
    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> sellers, CancellationToken ct)
    {
        var ids = sellers.Select(s => Guid.TryParse(s, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var users = await db.Set<PlatformUser>().AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return users.ToDictionary(u => u.Id.ToString(), u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id.ToString() : u.DisplayName);
    }
}
