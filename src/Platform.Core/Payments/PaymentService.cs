using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Checkout;
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

/// <summary>Who took the money for <see cref="PaymentService.CompletePaymentAsync"/>.</summary>
/// <summary>Who took the money; <paramref name="RefuseOnLiveTenant"/>: a test-mode method, refused on a tenant that takes live payments.</summary>
internal sealed record PaymentSource(string Provider, bool TestMode, string? CreatedBy, bool RefuseOnLiveTenant = false);

internal enum CompletionStatus
{
    Paid,
    Declined,
    NotPayable,
    Skipped,
}

internal sealed record PaymentCompletion(CompletionStatus Status, Payment? Payment = null, ProviderResult? Declined = null,
    ConflictException? NotPayable = null);

/// <summary>
/// Takes payments and refunds. A payment commits in one transaction (<see cref="CompletePaymentAsync"/>, shared by
/// every provider): the order moves pending_payment → paid by a conditional UPDATE (a second payer finds no row: 409),
/// the hold converts held → sold, and the payment row is written (a unique index allows one succeeded payment per
/// order). A decline rolls all of that back and records the failed attempt. A refund puts its tickets back on sale.
/// </summary>
public sealed class PaymentService(
    PlatformDbContext db, TenantContext tenant, IEnumerable<IPaymentProvider> providers, OutboxWriter outbox, TimeProvider clock,
    IEnumerable<IOrderStateObserver> observers, IdempotencyRecord idempotency, Tickets.Issuance.TicketIssueGates gates)
{
    public IPaymentProvider Provider(string name) =>
        providers.FirstOrDefault(p => p.Name == name) ?? throw new UnprocessableException("validation_failed", "One or more fields are invalid.",
            new Dictionary<string, string[]> { ["method"] = [$"method must be one of {string.Join(", ", providers.Select(p => p.Name))}."] });

    public async Task<Payment> PayAsync(OrderDetail payable, PayRequest request, bool boxOfficeAllowed, string? createdBy, CancellationToken ct)
    {
        var (order, lines, _) = payable;
        Observability.RequestFacts.Describe(order.EventId, order.Channel);
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

        // A test-mode provider moves no money: on a tenant that sells for real, it would hand out free tickets. Checked
        // inside the payment's first statement (no round trip of its own), before anything is charged.
        var completion = await CompletePaymentAsync(order, lines, new PaymentSource(provider.Name, provider.TestMode, createdBy, RefuseOnLiveTenant: provider.TestMode),
            c => provider.ChargeAsync(new ChargeRequest(order.Id, order.Total, order.Currency, request.PaymentToken, request.Reference), c), null, ct);
        switch (completion.Status)
        {
            case CompletionStatus.Paid:
                return completion.Payment!;
            case CompletionStatus.NotPayable:
                throw completion.NotPayable!;
        }

        // Declined: nothing moved; keep the attempt on record.
        var result = completion.Declined!;
        Observability.PlatformMetrics.ProviderError(provider.Name, result.DeclineCode);
        db.ChangeTracker.Clear();
        db.Add(NewPayment(order, provider.Name, provider.TestMode, Payment.KindPayment, Payment.Failed, order.Total, result.Reference,
            result.DeclineCode, createdBy, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        throw new ApiException(402, result.DeclineCode ?? "payment_failed", result.Message ?? "The payment failed.");
    }

    /// <summary>
    /// A test-mode payment on a tenant whose Stripe account is in live mode. That is read from the database on every
    /// payment (in its first statement), not cached: a tenant that has just gone live must refuse the next sandbox
    /// payment on every node.
    /// </summary>
    private static UnprocessableException TestModeRefused(string provider) =>
        new("test_mode_payment_refused", "This organizer takes live payments; a test-mode payment is refused.",
            new Dictionary<string, string[]> { ["method"] = [$"{provider} is a test-mode method; pay with stripe."] });

    /// <summary>
    /// The one way an order becomes paid, whoever took the money (sandbox or box office synchronously, Stripe from its
    /// webhook). In one transaction: the order moves pending_payment → paid by a conditional UPDATE (a second payer
    /// finds no row), the hold converts held → sold, <paramref name="charge"/> runs (a decline rolls everything back),
    /// then the payment row, the order.paid outbox row (quota counters settle held → sold after commit) and every
    /// <see cref="IOrderStateObserver"/>. <paramref name="beforeCommit"/> may add to the same transaction; returning
    /// false abandons it (<see cref="CompletionStatus.Skipped"/>). An expired hold returns its stock at once.
    /// </summary>
    internal async Task<PaymentCompletion> CompletePaymentAsync(Order order, IReadOnlyList<OrderLine>? orderLines, PaymentSource source,
        Func<CancellationToken, Task<ProviderResult>> charge, Func<CancellationToken, Task<bool>>? beforeCommit, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        // The paid time is mirrored onto the order in memory: use it as it is stored.
        var now = PostgresTime.Now(clock);
        // Read once (or given, read with the order): the seat count for the conversion and the observers (tickets) use them.
        var lines = orderLines ?? await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToListAsync(ct);
        var itemsSeats = lines.Sum(l => l.SeatIds.Length);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sql = new CheckoutSql(db);
        // One statement (one round trip with BEGIN): the order moves pending_payment → paid (a second payer finds no
        // row) and, only if it did, its hold converts.
        // It also says whether the tenant takes live payments (for a test-mode method, which must then be refused), and
        // whether a ticket gate (anti-scalping review) keeps the tickets back: read after the order's lock through
        // paid, with a row lock, so it sees what a separate statement would (ITicketIssueGate.HoldsBackSql; issue #20).
        var (claimed, converted, live, heldBack) = (await sql.QueryAsync($"""
            WITH paid AS (
                UPDATE orders SET state = 'paid', paid_at = @now WHERE tenant_id = @t AND id = @o AND state = 'pending_payment'
                RETURNING id, hold_id),
            converted AS ({HoldStock.ConvertPaidHoldSql})
            SELECT (SELECT count(*) FROM paid)::int, (SELECT count(*) FROM converted)::int,
                   EXISTS (SELECT 1 FROM stripe_accounts WHERE tenant_id = @t AND live_mode),
                   {gates.HoldsBackSql}
            """, r => (r.GetInt32(0) == 1, r.GetInt32(1) == 1, r.GetBoolean(2), r.GetBoolean(3)), ct, P("t", tenantId), P("o", order.Id),
            P("now", now)))[0];
        if (source.RefuseOnLiveTenant && live)
        {
            await transaction.RollbackAsync(ct);
            throw TestModeRefused(source.Provider);
        }

        if (!claimed)
        {
            return new PaymentCompletion(CompletionStatus.NotPayable, NotPayable: await NotPayableAsync(order.Id, ct));
        }

        // The hold expired (or lost a seat to another buyer after expiring): nothing is sold.
        if (!converted || !await new HoldStock(db).SellHeldSeatsAsync(tenantId, order.HoldId, itemsSeats, ct))
        {
            await transaction.RollbackAsync(ct);
            await ExpireAsync(order.HoldId, now, ct);
            return new PaymentCompletion(CompletionStatus.NotPayable,
                NotPayable: new ConflictException("order_expired", "The order's hold has expired; its tickets were released. Start again."));
        }

        var result = await charge(ct);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return new PaymentCompletion(CompletionStatus.Declined, Declined: result);
        }

        var payment = NewPayment(order, source.Provider, source.TestMode, Payment.KindPayment, Payment.Succeeded, order.Total, result.Reference, null,
            source.CreatedBy, now);
        db.Add(payment);
        outbox.Add("order.paid", OrderEvents.Of(order, OrderState.Paid, payment));

        // The quota counters are not touched here: the held units move to sold in batches after commit
        // (Holds/QuotaSettlement, ADR 0006), so payments never queue on the event's one contended counter row.
        // The row was moved by the conditional UPDATE above; detach before mirroring it so EF never writes it again.
        db.Entry(order).State = EntityState.Detached;
        order.State = OrderState.Paid;
        order.PaidAt = now;
        gates.Found(order.Id, heldBack);
        foreach (var observer in observers)
        {
            await observer.PaidAsync(order, lines, ct);
        }

        // The payment, its outbox row, the tickets and their ledger entries in one save (one round trip, issue #20),
        // carrying the Idempotency-Key's answer, so it commits with the payment or neither does (ADR 0019); a no-op for webhooks.
        if (await idempotency.PrepareAsync(payment) is { } answer)
        {
            db.SendWithNextSave(answer.Sql, answer.Parameters);
        }

        // With nothing left to run before COMMIT, it goes last in the same round trip too (issue #20): it runs only if
        // every statement before it succeeded; a failure leaves the transaction to the rollbacks below, as before.
        var committed = beforeCommit is null && db.CommitWithNextSave();
        try
        {
            await db.SaveChangesAsync(ct);
            await sql.SendQueuedAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new PaymentCompletion(CompletionStatus.NotPayable,
                NotPayable: new ConflictException("order_already_paid", "The order has already been paid."));
        }
        catch (Exception ex) when ((ex as PostgresException ?? ex.InnerException as PostgresException) is
                                   { SqlState: CheckoutRequire.SqlState, MessageText: IdempotencyRecord.ClaimLost })
        {
            throw IdempotencyRecord.LostClaim();
        }
        finally
        {
            // Nothing queued may ride on a later save of this request's context.
            db.TakeWithNextSave();
        }

        if (committed)
        {
            // Committed by the save itself: dispose it now (sends nothing) so this context can run commands again.
            await transaction.DisposeAsync();
            return new PaymentCompletion(CompletionStatus.Paid, payment);
        }

        if (beforeCommit is not null && !await beforeCommit(ct))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new PaymentCompletion(CompletionStatus.Skipped);
        }

        await transaction.CommitAsync(ct);
        return new PaymentCompletion(CompletionStatus.Paid, payment);
    }

    public async Task<Payment> RefundAsync(Order order, RefundRequest request, string? createdBy, CancellationToken ct)
    {
        // The order row stays locked while the provider refunds, so a provider webhook reporting this very refund
        // waits for our record of it instead of taking it for a refund made elsewhere.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockOrderAsync(order.Id, ct);
        await db.Entry(order).ReloadAsync(ct);
        if (order.State is not (OrderState.Paid or OrderState.PartiallyRefunded))
        {
            throw new ConflictException("order_not_refundable", "Only a paid order can be refunded.");
        }

        var lines = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id).OrderBy(l => l.Id).ToListAsync(ct);
        var refunded = new List<RefundedTickets>();
        var amount = request.Lines is { Count: > 0 } wanted ? RefundLines(order, lines, wanted, refunded) : RefundRemaining(order, lines, refunded);
        if (amount <= 0)
        {
            throw new ConflictException("nothing_to_refund", "Nothing is left to refund.");
        }

        var paid = await db.Set<Payment>().AsNoTracking()
            .FirstAsync(p => p.OrderId == order.Id && p.Kind == Payment.KindPayment && p.Status == Payment.Succeeded, ct);
        var provider = Provider(paid.Provider);
        var reason = request.Reason!.Trim();
        var result = await provider.RefundAsync(new ProviderRefund(paid.Id, order.Id, paid.Reference, amount, order.Currency, reason,
            $"refund-{order.Id:N}-{order.RefundedAmount}-{amount}"), ct);
        if (!result.Succeeded)
        {
            throw new ApiException(502, "refund_failed", result.Message ?? "The payment provider refused the refund.");
        }

        var refund = await ApplyRefundAsync(order, lines, refunded, amount, paid.Provider, paid.TestMode, result.Reference, reason, createdBy, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrent_refund", "The order changed while refunding; reload it and try again.");
        }

        await idempotency.CompleteInAsync(new CheckoutSql(db), refund, ct);
        await transaction.CommitAsync(ct);
        return refund;
    }

    /// <summary>
    /// Records a refund the provider has made, inside the caller's transaction (order row locked): the order's
    /// refunded amount and state, the refund row, the order.refunded outbox row, the refunded tickets back on sale
    /// (quota sold -= n; of a seated line the LAST seats of the line, in the order they were bought, become available)
    /// and every observer. The caller saves and commits.
    /// </summary>
    internal async Task<Payment> ApplyRefundAsync(Order order, IReadOnlyList<OrderLine> lines, IReadOnlyList<RefundedTickets> refunded, long amount,
        string provider, bool testMode, string? reference, string reason, string? createdBy, CancellationToken ct)
    {
        order.RefundedAmount += amount;
        order.State = order.RefundedAmount >= order.Total ? OrderState.Refunded : OrderState.PartiallyRefunded;
        var refund = NewPayment(order, provider, testMode, Payment.KindRefund, Payment.Succeeded, amount, reference, reason, createdBy,
            clock.GetUtcNow());
        db.Add(refund);
        outbox.Add("order.refunded", OrderEvents.Of(order, order.State, refund));
        var stock = new HoldStock(db);
        foreach (var tickets in refunded.GroupBy(t => t.LineId).OrderBy(g => g.Key))
        {
            var line = lines.First(l => l.Id == tickets.Key);
            var n = tickets.Sum(t => t.Quantity);
            // line.RefundedQuantity already counts these tickets: theirs are the seats just before the earlier refunds' seats.
            var from = line.Quantity - line.RefundedQuantity;
            Guid[] seats = line.SeatIds.Length == line.Quantity ? line.SeatIds[from..(from + n)] : [];
            await stock.ReturnSoldAsync(tenant.RequiredTenantId, order.HoldId, order.OccurrenceId, line.TicketTypeId, n, seats, ct);
        }

        foreach (var observer in observers)
        {
            await observer.RefundedAsync(order, refunded, ct);
        }

        return refund;
    }

    /// <summary>Every ticket not yet refunded, for the whole remaining amount.</summary>
    internal static long RefundRemaining(Order order, IEnumerable<OrderLine> lines, List<RefundedTickets> refunded)
    {
        foreach (var line in lines.Where(l => l.RefundedQuantity < l.Quantity))
        {
            refunded.Add(new RefundedTickets(line.Id, line.Quantity - line.RefundedQuantity));
            line.RefundedAmount = line.Total;
            line.RefundedQuantity = line.Quantity;
        }

        return order.Total - order.RefundedAmount;
    }

    /// <summary>Takes the order row's lock for the rest of the current transaction.</summary>
    internal Task LockOrderAsync(Guid orderId, CancellationToken ct) =>
        new CheckoutSql(db).ExecuteAsync("SELECT 1 FROM orders WHERE tenant_id = @t AND id = @o FOR UPDATE", ct,
            P("t", tenant.RequiredTenantId), P("o", orderId));

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

    internal async Task<ConflictException> NotPayableAsync(Guid orderId, CancellationToken ct)
    {
        var state = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.State).FirstAsync(ct);
        return state is OrderState.Paid or OrderState.PartiallyRefunded or OrderState.Refunded
            ? new ConflictException("order_already_paid", "The order has already been paid.")
            : new ConflictException("order_expired", "The order can no longer be paid: its hold expired or it was cancelled.");
    }

    internal static Payment NewPayment(Order order, string provider, bool testMode, string kind, string status, long amount, string? reference,
        string? reason, string? createdBy, DateTimeOffset now) => new()
    {
        OrderId = order.Id, Provider = provider, Kind = kind, Status = status, Amount = amount, Currency = order.Currency,
        Reference = reference, Reason = reason, TestMode = testMode, CreatedBy = createdBy, CreatedAt = now,
    };
}
