using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Checkout;
using Platform.Events;
using Platform.Events.SaleFacts;
using Platform.Holds;
using Platform.Http;
using Platform.Outbox;
using Platform.Payments;
using Platform.Persistence;
using Platform.Pricing;
using Platform.Pricing.Quotes;
using Platform.Pricing.Vouchers;
using Platform.Orders.Search;
using Platform.Tenancy;
using static Platform.Holds.CheckoutSql;

namespace Platform.Orders;

/// <summary>
/// Places orders from holds: prices them through the pricing quote service, locks the quote, redeems the voucher,
/// and commits order, lines and redemption in one transaction while the hold row is locked (so it can neither expire
/// nor be ordered twice underneath). Buyer details are encrypted with Data Protection.
/// </summary>
public sealed class OrderService(
    PlatformDbContext db, TenantContext tenant, PricingQuoteService quotes, VoucherStore vouchers, IDataProtectionProvider protection,
    OutboxWriter outbox, TimeProvider clock, IEnumerable<IOrderPlacementCheck> checks, EventSaleFactsCache saleFacts, IdempotencyRecord idempotency)
{
    private static readonly JsonSerializerOptions QuoteJson = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector protector = protection.CreateProtector("Platform.Orders.Buyer.v1");

    /// <summary>
    /// Begins the placing transaction before the hold is read, so BEGIN, the tenant setting and that read travel in
    /// one round trip; <see cref="CreateAsync"/> commits it (disposing it uncommitted rolls back).
    /// </summary>
    public Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginPlacingAsync(CancellationToken ct) => db.Database.BeginTransactionAsync(ct);

    public Task<Order?> FindAsync(Guid id, CancellationToken ct) => db.Set<Order>().FirstOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>The order (not tracked) with its lines and payments by id, in one round trip (paying and showing need all three).</summary>
    public async Task<OrderDetail?> FindDetailAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Set<Order>().AsNoTracking().Where(o => o.Id == id)
            .Select(o => new
            {
                Order = o,
                Lines = db.Set<OrderLine>().Where(l => l.OrderId == o.Id).OrderBy(l => l.Id).ToList(),
                Payments = db.Set<Payment>().Where(p => p.OrderId == o.Id).OrderBy(p => p.Id).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new OrderDetail(found.Order, found.Lines, found.Payments);
    }

    public async Task<(Order Order, List<OrderLine> Lines, string Token)> CreateAsync(HeldItems held, CreateOrderRequest request, string? createdBy,
        CancellationToken ct)
    {
        var (hold, items, eventSold) = held;
        Observability.RequestFacts.Describe(hold.EventId, hold.Channel);
        var tenantId = tenant.RequiredTenantId;
        // The response is built from memory: use the time as it is stored.
        var now = PostgresTime.Now(clock);
        if (hold.State == HoldState.Expired || (hold.State == HoldState.Active && hold.ExpiresAt <= now))
        {
            throw HoldService.HoldExpired();
        }

        if (hold.State != HoldState.Active)
        {
            throw new ConflictException("hold_not_active", "The hold has already been released or used.");
        }

        // A second order for the same hold is refused by the unique index on orders.hold_id (caught below), so no
        // pre-check is needed. Prices and rules come from the event's cached sale facts (ADR 0016).
        var facts = await saleFacts.GetAsync(db, tenantId, hold.EventId, fresh: false, ct) ?? throw new NotFoundException("event");
        var types = facts.TicketTypes;
        var currency = types[items[0].TicketTypeId].Currency;
        var sold = facts.NeedsSoldCount ? eventSold : 0;
        var buyer = request.Buyer!;
        // Each line is priced for its own audience, exactly as a quote of the same lines; the order's is only the fallback.
        var audiences = items.Select(i => i.Audience ?? request.Audience ?? Audience.Adult).ToList();
        var quote = await quotes.QuoteAsync(new QuoteInput(hold.EventId, currency,
            [.. items.Select((i, index) => new QuoteLineInput(i.TicketTypeId, i.PriceZoneId, audiences[index], i.Quantity, types[i.TicketTypeId].PriceMinor))],
            request.PromoCode, buyer.Email, hold.Channel, sold), facts.Rules, ct);

        var orderId = Guid.CreateVersion7();
        var lines = items.Select((item, index) => new OrderLine
        {
            OrderId = orderId, TicketTypeId = item.TicketTypeId, PriceZoneId = item.PriceZoneId, Audience = audiences[index], Quantity = item.Quantity,
            SeatIds = item.SeatIds,
            UnitPrice = types[item.TicketTypeId].PriceMinor, Total = quote.Lines.Single(l => l.Index == index).Total,
        }).ToList();
        var holders = TicketHolders.Check(facts.HolderNames, request.Holders, lines);

        var token = HoldService.NewToken(out var tokenHash);
        var order = new Order
        {
            Id = orderId, TokenHash = tokenHash, HoldId = hold.Id, EventId = hold.EventId, OccurrenceId = hold.OccurrenceId, Channel = hold.Channel,
            Currency = quote.Currency, Subtotal = quote.Subtotal, Discount = quote.Discount, Fees = quote.Fees, Tax = quote.Tax, Total = quote.Total,
            QuoteJson = JsonSerializer.Serialize(quote, QuoteJson), PromoCode = quote.PromoCode,
            BuyerNameProtected = protector.Protect(buyer.Name!.Trim()), BuyerEmailProtected = protector.Protect(buyer.Email!.Trim()),
            BuyerPhoneProtected = string.IsNullOrWhiteSpace(buyer.Phone) ? null : protector.Protect(buyer.Phone.Trim()),
            BuyerEmailHash = HoldService.EmailKey(buyer.Email)!, BuyerPhoneKey = BuyerSearchKeys.Phone(buyer.Phone),
            BuyerNameKeys = BuyerSearchKeys.Name(buyer.Name), CreatedBy = createdBy, CreatedAt = now, PaymentDueAt = hold.ExpiresAt,
            HoldersProtected = holders is null ? null : protector.Protect(TicketHolders.Serialize(holders)),
        };

        // The endpoint begins the transaction before it reads the hold (BEGIN, the tenant setting and that read in one
        // round trip); other callers get one here.
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var transaction = db.Database.CurrentTransaction!;
        var committed = false;
        db.Add(order);
        db.AddRange(lines);
        outbox.Add("order.created", OrderEvents.Of(order));
        foreach (var check in checks)
        {
            await check.PlacingAsync(order, items, lines, quote, request, ct);
        }

        try
        {
            if (quote.PromoCode is { } code)
            {
                var normalized = Voucher.Normalize(code);
                var voucherId = await db.Set<Voucher>().AsNoTracking().Where(v => v.NormalizedCode == normalized).Select(v => v.Id).FirstAsync(ct);
                await vouchers.RedeemAsync(voucherId, buyer.Email, order.Id, ct);
            }

            // After the inserts, in their round trip (issue #20): the hold row is locked and must still be active and
            // unexpired — else checkout_require aborts the whole transaction, so it can neither expire nor be released
            // underneath an order placed on it (a second order for it is refused by the unique index on orders.hold_id) —
            // and the Idempotency-Key's answer (with the one-time order token) is stored, so both commit together (ADR 0019).
            db.SendWithNextSave($"""
                WITH h AS (SELECT 1 FROM holds WHERE tenant_id = @lock_t AND id = @lock_h AND state = 'active' AND expires_at > @lock_now FOR UPDATE)
                SELECT checkout_require(EXISTS (SELECT 1 FROM h), '{HoldNotActive}')
                """, P("lock_t", tenantId), P("lock_h", hold.Id), P("lock_now", now));
            if (await idempotency.PrepareAsync(new OrderPlaced(order, lines, token)) is { } answer)
            {
                db.SendWithNextSave(answer.Sql, answer.Parameters);
            }

            // And the COMMIT, last, in the same round trip (issue #20): it runs only if the lock check, the inserts and the
            // answer all succeeded; otherwise the transaction is left failed and rolled back when disposed, as before.
            committed = db.CommitWithNextSave();
            await db.SaveChangesAsync(ct);
            await new CheckoutSql(db).SendQueuedAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("hold_already_ordered", "An order has already been placed for this hold.");
        }
        catch (Exception ex) when (CheckoutRefusal(ex) is { } refused)
        {
            // Lost a race since the check above: the hold expired, was released or was ordered meanwhile; or a retry
            // of this request took the Idempotency-Key over after this one stalled.
            throw refused == IdempotencyRecord.ClaimLost ? IdempotencyRecord.LostClaim()
                : hold.ExpiresAt <= now ? HoldService.HoldExpired()
                : new ConflictException("hold_not_active", "The hold has already been released or used.");
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
        }
        else
        {
            await transaction.CommitAsync(ct);
        }

        return (order, lines, token);
    }

    private const string HoldNotActive = "hold_not_active";

    /// <summary>The code of a <c>checkout_require</c> that aborted a save, however EF wrapped it; null for any other failure.</summary>
    private static string? CheckoutRefusal(Exception ex) =>
        (ex as PostgresException ?? ex.InnerException as PostgresException) is { SqlState: CheckoutRequire.SqlState } refused ? refused.MessageText : null;

    /// <summary>A pending order whose hold ran out reads as expired, whether or not cleanup has run yet.</summary>
    public OrderState EffectiveState(Order order) =>
        order.State == OrderState.PendingPayment && order.PaymentDueAt <= clock.GetUtcNow() ? OrderState.Expired : order.State;

    /// <summary>One row of an order search: the order's figures and its buyer, decrypted.</summary>
    public OrderSummaryResponse ToSummary(Order order) =>
        new(order.Id, order.EventId, order.OccurrenceId, order.Channel, EffectiveState(order), order.Currency, order.Total, order.RefundedAmount,
            Buyer(order), order.CreatedAt, order.PaidAt);

    private BuyerResponse Buyer(Order order) =>
        new(protector.Unprotect(order.BuyerNameProtected), protector.Unprotect(order.BuyerEmailProtected),
            order.BuyerPhoneProtected is { } phone ? protector.Unprotect(phone) : null);

    public OrderResponse ToResponse(OrderDetail detail, string? token) => ToResponse(detail.Order, token, detail.Lines, detail.Payments);

    /// <summary>The response of an order just placed: its lines are in hand and it has no payments yet.</summary>
    public OrderResponse ToResponse(Order order, string? token, IEnumerable<OrderLine> lines, IReadOnlyList<Payment> payments)
    {
        var buyer = Buyer(order);
        return new OrderResponse(order.Id, order.HoldId, order.EventId, order.OccurrenceId, order.Channel, EffectiveState(order), order.Currency,
            order.Subtotal, order.Discount, order.Fees, order.Tax, order.Total, order.RefundedAmount, order.PromoCode, buyer,
            [.. lines.OrderBy(l => l.Id).Select(l => new OrderLineResponse(l.Id, l.TicketTypeId, l.PriceZoneId, l.Audience, l.Quantity, l.SeatIds, l.UnitPrice, l.Total,
                l.RefundedQuantity, l.RefundedAmount))],
            [.. payments.Select(PaymentService.ToResponse)],
            JsonSerializer.Deserialize<QuoteResponse>(order.QuoteJson, QuoteJson)!, order.CreatedAt, order.PaymentDueAt, order.PaidAt, token);
    }
}
