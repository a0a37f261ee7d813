using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Holds;
using Platform.Http;
using Platform.Outbox;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tenancy;
using static Platform.Holds.CheckoutSql;

namespace Platform.Payments;

public sealed record PayRequest(string? Method, string? PaymentToken, string? Reference);

public sealed record RefundLineRequest(Guid? LineId, int? Quantity);

/// <summary>Refunds the whole remaining amount, or the given tickets (quantity of order lines), with a reason.</summary>
public sealed record RefundRequest(IReadOnlyList<RefundLineRequest>? Lines, string? Reason);

/// <summary>
/// Takes payments and refunds. A payment commits in one transaction: the order moves pending_payment → paid by a
/// conditional UPDATE (a second payer finds no row: 409), the hold converts held → sold, and the payment row is
/// written (a unique index allows one succeeded payment per order). A decline rolls all of that back and records
/// the failed attempt.
/// </summary>
public sealed class PaymentService(
    PlatformDbContext db, TenantContext tenant, IEnumerable<IPaymentProvider> providers, OutboxWriter outbox, TimeProvider clock,
    IEnumerable<IOrderStateObserver> observers)
{
    public IPaymentProvider Provider(string name) =>
        providers.FirstOrDefault(p => p.Name == name) ?? throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
            new Dictionary<string, string[]> { ["method"] = [$"method must be one of {string.Join(", ", providers.Select(p => p.Name))}."] });

    public async Task<Payment> PayAsync(Order order, PayRequest request, bool boxOfficeAllowed, string? createdBy, CancellationToken ct)
    {
        var provider = Provider(request.Method ?? "sandbox");
        if (provider.BoxOfficeOnly && !boxOfficeAllowed)
        {
            throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
                new Dictionary<string, string[]> { ["method"] = [$"{provider.Name} payments are recorded by box office staff only."] });
        }

        if (provider is CardTerminalPaymentProvider && string.IsNullOrWhiteSpace(request.Reference))
        {
            throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
                new Dictionary<string, string[]> { ["reference"] = ["reference (the card terminal's receipt reference) is required."] });
        }

        var tenantId = tenant.RequiredTenantId;
        var now = clock.GetUtcNow();
        ProviderResult result;
        var expired = false;
        var itemsSeats = await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == order.Id).SumAsync(l => l.SeatIds.Length, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var sql = new CheckoutSql(db);
            var claimed = await sql.ExecuteAsync("""
                UPDATE orders SET state = 'paid', paid_at = @now WHERE tenant_id = @t AND id = @o AND state = 'pending_payment'
                """, ct, P("t", tenantId), P("o", order.Id), P("now", now));
            if (claimed == 0)
            {
                throw await NotPayableAsync(order.Id, ct);
            }

            try
            {
                await new HoldStock(db).ConvertAsync(tenantId, order.HoldId, itemsSeats, now, ct);
            }
            catch (ConflictException)
            {
                expired = true;
            }

            if (expired)
            {
                await transaction.RollbackAsync(ct);
                await ExpireAsync(order.HoldId, now, ct);
                throw new ConflictException("order_expired", "The order's hold has expired; its tickets were released. Start again.");
            }

            result = await provider.ChargeAsync(new ChargeRequest(order.Id, order.Total, order.Currency, request.PaymentToken, request.Reference), ct);
            if (result.Succeeded)
            {
                var payment = NewPayment(order, provider, Payment.KindPayment, Payment.Succeeded, order.Total, result.Reference, null, createdBy, now);
                db.Add(payment);
                outbox.Add("order.paid", OrderEvents.Of(order, OrderState.Paid, payment));
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    throw new ConflictException("order_already_paid", "The order has already been paid.");
                }

                // The row was moved by the conditional UPDATE above; detach before mirroring it so EF never writes it again.
                db.Entry(order).State = EntityState.Detached;
                order.State = OrderState.Paid;
                order.PaidAt = now;
                foreach (var observer in observers)
                {
                    await observer.PaidAsync(order, ct);
                }

                // The quota counters are not touched here: the held units move to sold in batches after commit
                // (Holds/QuotaSettlement), so payments never queue on the event's one contended counter row.
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return payment;
            }
        }

        // Declined: nothing moved; keep the attempt on record.
        db.ChangeTracker.Clear();
        db.Add(NewPayment(order, provider, Payment.KindPayment, Payment.Failed, order.Total, result.Reference, result.DeclineCode, createdBy, now));
        await db.SaveChangesAsync(ct);
        throw new ApiException(402, result.DeclineCode ?? "payment_failed", result.Message ?? "The payment failed.");
    }

    public async Task<Payment> RefundAsync(Order order, RefundRequest request, string? createdBy, CancellationToken ct)
    {
        if (order.State is not (OrderState.Paid or OrderState.PartiallyRefunded))
        {
            throw new ConflictException("order_not_refundable", "Only a paid order can be refunded.");
        }

        var lines = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToListAsync(ct);
        var refunded = new List<RefundedTickets>();
        var amount = request.Lines is { Count: > 0 } wanted ? RefundLines(order, lines, wanted, refunded) : order.Total - order.RefundedAmount;
        if (request.Lines is not { Count: > 0 })
        {
            foreach (var line in lines.Where(l => l.RefundedQuantity < l.Quantity))
            {
                refunded.Add(new RefundedTickets(line.Id, line.Quantity - line.RefundedQuantity));
                line.RefundedAmount = line.Total;
                line.RefundedQuantity = line.Quantity;
            }
        }

        if (amount <= 0)
        {
            throw new ConflictException("nothing_to_refund", "Nothing is left to refund.");
        }

        var paid = await db.Set<Payment>().AsNoTracking()
            .FirstAsync(p => p.OrderId == order.Id && p.Kind == Payment.KindPayment && p.Status == Payment.Succeeded, ct);
        var provider = Provider(paid.Provider);
        var result = await provider.RefundAsync(paid.Id, paid.Reference, amount, order.Currency, ct);
        if (!result.Succeeded)
        {
            throw new ApiException(502, "refund_failed", result.Message ?? "The payment provider refused the refund.");
        }

        order.RefundedAmount += amount;
        order.State = order.RefundedAmount >= order.Total ? OrderState.Refunded : OrderState.PartiallyRefunded;
        var refund = NewPayment(order, provider, Payment.KindRefund, Payment.Succeeded, amount, result.Reference, request.Reason!.Trim(), createdBy,
            clock.GetUtcNow());
        db.Add(refund);
        outbox.Add("order.refunded", OrderEvents.Of(order, order.State, refund));
        foreach (var observer in observers)
        {
            await observer.RefundedAsync(order, refunded, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrent_refund", "The order changed while refunding; reload it and try again.");
        }

        return refund;
    }

    /// <summary>Returns the stock of an order's expired hold at once (and marks the order expired) instead of waiting for cleanup.</summary>
    private async Task ExpireAsync(Guid holdId, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await new HoldStock(db).ReclaimExpiredAsync(tenant.RequiredTenantId, now, new ReclaimFilter(HoldId: holdId), ct);
        await transaction.CommitAsync(ct);
    }

    public static PaymentResponse ToResponse(Payment p) =>
        new(p.Id, p.Provider, p.Kind, p.Status, p.Amount, p.Currency, p.Reference, p.Reason, p.TestMode, p.CreatedAt);

    /// <summary>Refunds tickets of lines: each ticket's share of its line total, the last ticket taking the rounding rest.</summary>
    private static long RefundLines(Order order, List<OrderLine> lines, IReadOnlyList<RefundLineRequest> wanted, List<RefundedTickets> refunded)
    {
        long amount = 0;
        for (var i = 0; i < wanted.Count; i++)
        {
            var line = lines.FirstOrDefault(l => l.Id == wanted[i].LineId)
                       ?? throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
                           new Dictionary<string, string[]> { [$"lines[{i}].lineId"] = ["lineId is not a line of this order."] });
            var quantity = wanted[i].Quantity ?? 0;
            if (quantity < 1 || line.RefundedQuantity + quantity > line.Quantity)
            {
                throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
                    new Dictionary<string, string[]> { [$"lines[{i}].quantity"] = [$"At most {line.Quantity - line.RefundedQuantity} tickets of this line are left to refund."] });
            }

            line.RefundedQuantity += quantity;
            refunded.Add(new RefundedTickets(line.Id, quantity));
            var share = line.RefundedQuantity == line.Quantity ? line.Total - line.RefundedAmount : line.Total / line.Quantity * quantity;
            line.RefundedAmount += share;
            amount += share;
        }

        return Math.Min(amount, order.Total - order.RefundedAmount);
    }

    private async Task<ConflictException> NotPayableAsync(Guid orderId, CancellationToken ct)
    {
        var state = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.State).FirstAsync(ct);
        return state is OrderState.Paid or OrderState.PartiallyRefunded or OrderState.Refunded
            ? new ConflictException("order_already_paid", "The order has already been paid.")
            : new ConflictException("order_expired", "The order can no longer be paid: its hold expired or it was cancelled.");
    }

    private static Payment NewPayment(Order order, IPaymentProvider provider, string kind, string status, long amount, string? reference,
        string? reason, string? createdBy, DateTimeOffset now) => new()
    {
        OrderId = order.Id, Provider = provider.Name, Kind = kind, Status = status, Amount = amount, Currency = order.Currency,
        Reference = reference, Reason = reason, TestMode = provider.TestMode, CreatedBy = createdBy, CreatedAt = now,
    };
}
