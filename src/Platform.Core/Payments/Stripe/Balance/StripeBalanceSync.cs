using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Stripe;

namespace Platform.Payments.Stripe.Balance;

/// <summary>What one sync did: transactions Stripe listed (with the overlap, most are already known) and those that were new.</summary>
public sealed record StripeBalanceSyncResult(int Listed, int Added, int Payouts);

/// <summary>
/// Copies the current tenant's Stripe balance transactions into stripe_balance_transactions (ADR 0059): from the newest
/// one seen minus <see cref="Overlap"/>, so a transaction Stripe timestamps a little late is not missed, and upserted
/// by Stripe's id, so syncing again creates nothing new. Each payout's transactions are then listed (payout=po_…) to
/// record which payout took each charge and refund to the bank.
/// </summary>
internal sealed class StripeBalanceSync(PlatformDbContext db, StripeAccounts accounts, StripeGateway gateway, TimeProvider clock)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    private const int BatchSize = 100;

    /// <summary>Syncs the current tenant; null when it has no usable Stripe account (sandbox only).</summary>
    public async Task<StripeBalanceSyncResult?> SyncAsync(CancellationToken ct)
    {
        if (accounts.Resolve(await accounts.FindAsync(ct)) is not { } credentials)
        {
            return null;
        }

        var state = await db.Set<StripeBalanceSyncState>().FirstOrDefaultAsync(ct);
        if (state is null)
        {
            state = new StripeBalanceSyncState();
            db.Add(state);
        }

        // Another account: its history is read from the start (the old account's rows stay: that money moved too).
        if (state.Account != credentials.ConnectedAccountId)
        {
            state.Account = credentials.ConnectedAccountId;
            state.LastCreated = null;
        }

        var now = clock.GetUtcNow();
        int listed = 0, added = 0;
        var payouts = new List<string>();
        try
        {
            var batch = new List<BalanceTransaction>(BatchSize);
            await foreach (var t in gateway.BalanceTransactionsAsync(credentials, state.LastCreated - Overlap, null, ct))
            {
                batch.Add(t);
                if (t.Type == "payout" && t.SourceId is not null)
                {
                    payouts.Add(t.SourceId);
                }

                if (batch.Count == BatchSize)
                {
                    added += await UpsertAsync(batch, credentials.ConnectedAccountId, null, now, ct);
                    listed += batch.Count;
                    batch.Clear();
                }
            }

            added += await UpsertAsync(batch, credentials.ConnectedAccountId, null, now, ct);
            listed += batch.Count;
            foreach (var payout in payouts)
            {
                batch.Clear();
                await foreach (var t in gateway.BalanceTransactionsAsync(credentials, null, payout, ct))
                {
                    batch.Add(t);
                    if (batch.Count == BatchSize)
                    {
                        added += await UpsertAsync(batch, credentials.ConnectedAccountId, payout, now, ct);
                        batch.Clear();
                    }
                }

                added += await UpsertAsync(batch, credentials.ConnectedAccountId, payout, now, ct);
            }

            state.LastCreated = await db.Set<StripeBalanceTransaction>().Where(t => t.Account == credentials.ConnectedAccountId)
                .MaxAsync(t => (DateTimeOffset?)t.Created, ct);
            state.LastSyncedAt = now;
            state.LastError = null;
        }
        catch (StripeException e)
        {
            // Recorded for the report (and the console) to show; the next hourly run tries again from the same point.
            var error = $"{e.StripeError?.Code ?? "stripe_error"}: {e.Message}";
            state.LastError = error.Length > 1000 ? error[..1000] : error;
        }

        // Set last, so a reader who sees this attempt's time sees its outcome too (batches are saved as they go).
        state.LastAttemptAt = now;
        await db.SaveChangesAsync(ct);
        return new StripeBalanceSyncResult(listed, added, payouts.Count);
    }

    private async Task<int> UpsertAsync(List<BalanceTransaction> batch, string? account, string? payout, DateTimeOffset now, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var ids = batch.Select(t => t.Id).ToList();
        var existing = await db.Set<StripeBalanceTransaction>().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var references = batch.Select(ReferenceOf).OfType<string>().Distinct().ToList();
        var payments = await db.Set<Payment>().AsNoTracking()
            .Where(p => p.Provider == StripePaymentProvider.ProviderName && p.Status == Payment.Succeeded && references.Contains(p.Reference!))
            .Select(p => new { p.Id, p.Kind, p.Reference }).ToListAsync(ct);
        var added = 0;
        foreach (var t in batch)
        {
            if (!existing.TryGetValue(t.Id, out var row))
            {
                row = new StripeBalanceTransaction { Id = t.Id, Type = t.Type, Currency = "" };
                db.Add(row);
                existing[t.Id] = row;
                added++;
            }

            var (intent, sourceAmount, sourceCurrency) = t.Source switch
            {
                Charge c => (c.PaymentIntentId, (long?)c.Amount, c.Currency),
                Refund r => (r.PaymentIntentId, (long?)r.Amount, r.Currency),
                _ => (null, null, null),
            };
            var reference = ReferenceOf(t);
            var kind = KindOf(t.Type);
            row.Account = account;
            row.Type = t.Type;
            row.Amount = t.Amount;
            row.Fee = t.Fee;
            row.ApplicationFee = t.FeeDetails?.Where(f => f.Type == "application_fee").Sum(f => f.Amount) ?? 0;
            row.StripeFee = t.Fee - row.ApplicationFee;
            row.Net = t.Net;
            row.Currency = t.Currency.ToUpperInvariant();
            row.Created = Utc(t.Created);
            row.AvailableOn = Utc(t.AvailableOn);
            row.SourceId = t.SourceId;
            row.PaymentIntentId = intent;
            row.SourceAmount = sourceAmount;
            row.SourceCurrency = sourceCurrency?.ToUpperInvariant();
            row.PaymentId = payments.FirstOrDefault(p => p.Reference == reference && p.Kind == kind)?.Id ?? row.PaymentId;
            // A payout names itself; other rows learn theirs when that payout's transactions are listed (never unlearn it).
            row.PayoutId = t.Type == "payout" ? t.SourceId : payout ?? row.PayoutId;
            row.SyncedAt = now;
        }

        await db.SaveChangesAsync(ct);
        foreach (var row in existing.Values)
        {
            db.Entry(row).State = EntityState.Detached;
        }

        return added;
    }

    /// <summary>The reference our payment row carries: the PaymentIntent for a charge, the refund's id for a refund.</summary>
    private static string? ReferenceOf(BalanceTransaction t) => KindOf(t.Type) switch
    {
        Payment.KindPayment => (t.Source as Charge)?.PaymentIntentId,
        Payment.KindRefund => t.SourceId,
        _ => null,
    };

    private static string? KindOf(string type) => type switch
    {
        "charge" or "payment" => Payment.KindPayment,
        "refund" or "payment_refund" => Payment.KindRefund,
        _ => null,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
