using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Outbox;
using Platform.Persistence;
using Platform.Tenancy;
using Stripe;
using static Platform.Holds.CheckoutSql;

namespace Platform.Payments.Stripe;

/// <summary>A verified Stripe event being handled: recorded in stripe_webhook_events in the handling transaction.</summary>
internal sealed record StripeEventRef(string Id, string Type);

/// <summary>
/// The Stripe payment flow of one tenant: start a PaymentIntent for a pending order, and converge the order with
/// what Stripe reports (succeeded, failed, refunded), in whatever order and however often the reports arrive:
/// <list type="bullet">
/// <item>succeeded → <see cref="PaymentService.CompletePaymentAsync"/> (the one path that marks orders paid);</item>
/// <item>succeeded for an order that can no longer take it (hold expired, cancelled, paid another way) → the
/// payment is recorded and refunded through Stripe automatically; the released stock is never sold;</item>
/// <item>charge.refunded → first completes the payment if its success has not been seen yet (a refund proves it),
/// then records whatever Stripe refunded beyond what we recorded (a dashboard refund; a full one puts the tickets
/// back on sale).</item>
/// </list>
/// </summary>
internal sealed partial class StripeCheckout(
    PaymentService payments, StripeAccounts accounts, StripeGateway gateway, PlatformDbContext db, TenantContext tenant, OutboxWriter outbox,
    TimeProvider clock, ILogger<StripeCheckout> logger) : IPaymentSessionProvider
{
    public const string UnpaidRefundReason = "Automatic refund: the payment arrived after the order could no longer be paid (its hold expired, "
                                             + "it was cancelled or paid otherwise); its tickets were not sold.";

    public string Name => StripePaymentProvider.ProviderName;

    public async Task<PaymentSession?> StartAsync(Order order, string? createdBy, CancellationToken ct)
    {
        if (order.State != OrderState.PendingPayment)
        {
            throw await payments.NotPayableAsync(order.Id, ct);
        }

        if (order.PaymentDueAt <= clock.GetUtcNow())
        {
            throw new ConflictException("order_expired", "The order's hold has expired; its tickets were released. Start again.");
        }

        var credentials = await accounts.ResolveAsync(ct);
        var tenantId = tenant.RequiredTenantId;
        var known = await db.Set<StripePaymentIntent>().AsNoTracking().FirstOrDefaultAsync(i => i.OwnerTenantId == tenantId && i.OrderId == order.Id, ct);
        PaymentIntent intent;
        var used = credentials;
        try
        {
            if (known is not null)
            {
                used = await accounts.CredentialsForAsync(known, ct);
                intent = await gateway.GetIntentAsync(used, known.Id, ct);
            }
            else
            {
                intent = await gateway.CreateIntentAsync(credentials, tenantId, order.Id, order.Total, order.Currency, ct);
                known = await RememberAsync(intent, tenantId, order, credentials, ct);
            }
        }
        catch (StripeException e)
        {
            throw new ApiException(502, "stripe_error", $"Stripe could not start the payment: {e.Message}");
        }

        if (intent.Status == "succeeded")
        {
            // The buyer already confirmed and the webhook has not arrived (or was lost): complete now, from Stripe's own answer.
            await PaymentSucceededAsync(known, null, ct);
            return null;
        }

        return new PaymentSession(Name, !intent.Livemode, intent.Id, intent.ClientSecret, intent.Status, intent.PaymentMethodTypes,
            used.PublishableKey, used.ConnectedAccountId);
    }

    public async Task<string> PaymentSucceededAsync(StripePaymentIntent intent, StripeEventRef? evt, CancellationToken ct)
    {
        if (await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == intent.OrderId, ct) is not { } order)
        {
            return "order_missing";
        }

        var completion = await payments.CompletePaymentAsync(order, null, new PaymentSource(Name, !intent.LiveMode, "stripe"),
            _ => Task.FromResult(new ProviderResult(true, intent.Id)), evt is null ? null : c => MarkAsync(evt, c), ct);
        return completion.Status switch
        {
            CompletionStatus.Paid => "paid",
            CompletionStatus.Skipped => "duplicate",
            _ => await SettleUnpayableAsync(intent, evt, 0, null, ct),
        };
    }

    public async Task<string> PaymentFailedAsync(StripePaymentIntent intent, StripeEventRef evt, string? declineCode, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await MarkAsync(evt, ct))
        {
            return "duplicate";
        }

        if (await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == intent.OrderId, ct) is { } order)
        {
            // A failed attempt is history whatever the order's state; the buyer may retry with the same intent.
            db.Add(PaymentService.NewPayment(order, Name, !intent.LiveMode, Payment.KindPayment, Payment.Failed, intent.Amount, intent.Id,
                declineCode ?? "payment_failed", "stripe", clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return "failed_recorded";
    }

    public async Task<string> ChargeRefundedAsync(StripePaymentIntent intent, StripeEventRef evt, long refundedOnStripe, string? refundId,
        CancellationToken ct)
    {
        if (await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == intent.OrderId, ct) is not { } seen)
        {
            return "order_missing";
        }

        if (seen.State == OrderState.PendingPayment)
        {
            // The refund overtook the success: the charge did succeed, so complete it first, exactly as the success would.
            var completion = await payments.CompletePaymentAsync(seen, null, new PaymentSource(Name, !intent.LiveMode, "stripe"),
                _ => Task.FromResult(new ProviderResult(true, intent.Id)), null, ct);
            if (completion.Status == CompletionStatus.NotPayable)
            {
                return await SettleUnpayableAsync(intent, evt, refundedOnStripe, refundId, ct);
            }
        }

        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await MarkAsync(evt, ct))
        {
            return "duplicate";
        }

        await payments.LockOrderAsync(intent.OrderId, ct);
        var order = await db.Set<Order>().FirstAsync(o => o.Id == intent.OrderId, ct);
        var rows = await db.Set<Payment>().AsNoTracking().Where(p => p.OrderId == order.Id).ToListAsync(ct);
        if (!rows.Any(p => p is { Kind: Payment.KindPayment, Status: Payment.Succeeded } && p.Reference == intent.Id)
            || order.State is not (OrderState.Paid or OrderState.PartiallyRefunded or OrderState.Refunded))
        {
            await transaction.RollbackAsync(ct);
            return await SettleUnpayableAsync(intent, evt, refundedOnStripe, refundId, ct);
        }

        var recorded = rows.Where(p => p is { Kind: Payment.KindRefund, Status: Payment.Succeeded, Provider: StripePaymentProvider.ProviderName })
            .Sum(p => p.Amount);
        var missing = Math.Min(refundedOnStripe - recorded, order.Total - order.RefundedAmount);
        if (missing <= 0)
        {
            await transaction.CommitAsync(ct);
            return "in_sync";
        }

        // Refunded in Stripe beyond our records (e.g. from the dashboard). All of it: the tickets go back on sale;
        // part of it: only money moved, no tickets are chosen for the organizer.
        var lines = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToListAsync(ct);
        var tickets = new List<RefundedTickets>();
        if (refundedOnStripe >= intent.Amount)
        {
            PaymentService.RefundRemaining(order, lines, tickets);
        }

        await payments.ApplyRefundAsync(order, lines, tickets, missing, Name, !intent.LiveMode, refundId, "Refunded in Stripe", "stripe", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return "refund_recorded";
    }

    /// <summary>
    /// Money arrived for an order that cannot take it. Records the payment (unless the order holds another succeeded
    /// payment), whatever Stripe already refunded, and refunds the rest through Stripe; the order keeps its state.
    /// </summary>
    private async Task<string> SettleUnpayableAsync(StripePaymentIntent intent, StripeEventRef? evt, long refundedOnStripe, string? refundId,
        CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (evt is not null && !await MarkAsync(evt, ct))
        {
            return "duplicate";
        }

        await payments.LockOrderAsync(intent.OrderId, ct);
        var order = await db.Set<Order>().AsNoTracking().FirstAsync(o => o.Id == intent.OrderId, ct);
        var rows = await db.Set<Payment>().AsNoTracking().Where(p => p.OrderId == order.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var paidByThis = rows.Any(p => p is { Kind: Payment.KindPayment, Status: Payment.Succeeded } && p.Reference == intent.Id);
        if (paidByThis && order.State is OrderState.Paid or OrderState.PartiallyRefunded or OrderState.Refunded)
        {
            await transaction.CommitAsync(ct);
            return "already_paid";
        }

        if (!rows.Any(p => p is { Kind: Payment.KindPayment, Status: Payment.Succeeded }))
        {
            db.Add(PaymentService.NewPayment(order, Name, !intent.LiveMode, Payment.KindPayment, Payment.Succeeded, intent.Amount, intent.Id, null,
                "stripe", now));
        }

        var recorded = rows.Where(p => p is { Kind: Payment.KindRefund, Status: Payment.Succeeded, Provider: StripePaymentProvider.ProviderName })
            .Sum(p => p.Amount);
        if (refundedOnStripe > recorded)
        {
            db.Add(PaymentService.NewPayment(order, Name, !intent.LiveMode, Payment.KindRefund, Payment.Succeeded, refundedOnStripe - recorded,
                refundId, "Refunded in Stripe", "stripe", now));
        }

        var remaining = intent.Amount - Math.Max(recorded, refundedOnStripe);
        Payment? refund = null;
        if (remaining > 0)
        {
            Refund made;
            try
            {
                made = await gateway.RefundAsync(await accounts.CredentialsForAsync(intent, ct), intent.Id, remaining, UnpaidRefundReason, tenant.RequiredTenantId,
                    order.Id, $"unpaid-{intent.Id}-{remaining}", ct);
            }
            catch (StripeException e)
            {
                // Nothing commits (the event is not marked), so Stripe's retry of the event tries the refund again.
                throw new ApiException(502, "stripe_error", $"The automatic refund failed; the event will be retried: {e.Message}");
            }

            refund = PaymentService.NewPayment(order, Name, !intent.LiveMode, Payment.KindRefund, Payment.Succeeded, remaining, made.Id,
                UnpaidRefundReason, "stripe", now);
            db.Add(refund);
            outbox.Add("order.payment_refunded", OrderEvents.Of(order, order.State, refund));
            LogAutomaticRefund(logger, order.Id, intent.Id, remaining);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return refund is null ? "refund_recorded" : "refunded_automatically";
    }

    /// <summary>Records the event as handled; false when it already was (Stripe redelivers; concurrent duplicates wait on the key).</summary>
    public async Task<bool> MarkAsync(StripeEventRef evt, CancellationToken ct) =>
        await new CheckoutSql(db).ExecuteAsync("""
            INSERT INTO stripe_webhook_events (id, owner_tenant_id, type, received_at) VALUES (@id, @t, @type, @now)
            ON CONFLICT (id) DO NOTHING
            """, ct, P("id", evt.Id), P("t", tenant.RequiredTenantId), P("type", evt.Type), P("now", clock.GetUtcNow())) == 1;

    private async Task<StripePaymentIntent> RememberAsync(PaymentIntent intent, Guid tenantId, Order order, StripeCredentials credentials,
        CancellationToken ct)
    {
        var row = new StripePaymentIntent
        {
            Id = intent.Id, OwnerTenantId = tenantId, OrderId = order.Id, ConnectedAccountId = credentials.ConnectedAccountId,
            LiveMode = intent.Livemode, Amount = intent.Amount, Currency = order.Currency, CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two concurrent pay calls get the same intent from Stripe (same idempotency key): the second insert is a no-op.
        await new CheckoutSql(db).ExecuteAsync("""
            INSERT INTO stripe_payment_intents (id, owner_tenant_id, order_id, connected_account_id, live_mode, amount, currency, created_at)
            VALUES (@id, @t, @o, @acct, @live, @amount, @cur, @now) ON CONFLICT (id) DO NOTHING
            """, ct, P("id", row.Id), P("t", tenantId), P("o", order.Id), PText("acct", row.ConnectedAccountId), PBool("live", row.LiveMode),
            PLong("amount", row.Amount), P("cur", row.Currency), P("now", row.CreatedAt));
        await transaction.CommitAsync(ct);
        return row;
    }

    private static Npgsql.NpgsqlParameter PText(string name, string? value) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static Npgsql.NpgsqlParameter PBool(string name, bool value) => new(name, NpgsqlTypes.NpgsqlDbType.Boolean) { Value = value };

    private static Npgsql.NpgsqlParameter PLong(string name, long value) => new(name, NpgsqlTypes.NpgsqlDbType.Bigint) { Value = value };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stripe payment {IntentId} for order {OrderId} arrived after the order could no longer be paid; refunded {Amount} automatically")]
    private static partial void LogAutomaticRefund(ILogger logger, Guid orderId, string intentId, long amount);
}
