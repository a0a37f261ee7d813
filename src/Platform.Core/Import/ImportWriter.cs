using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Holds;
using Platform.Orders;
using Platform.Orders.Search;
using Platform.Payments;
using Platform.Persistence;
using Platform.Pricing;
using Platform.Pricing.Quotes;
using Platform.Sales;
using Platform.Tickets;
using Platform.Tickets.Issuance;
using Platform.Tickets.Ledger;
using static Platform.Holds.CheckoutSql;

namespace Platform.Import;

/// <summary>
/// Writes planned orders the way a paid box-office sale leaves them (ADR 0057): a converted hold, a paid order with
/// its lines, a succeeded payment through provider <c>legacy</c> (so reconciliation sees a paid order with exactly one
/// payment, and no provider is asked about it), valid tickets with new numbers and an <c>issued</c> ledger entry, and
/// the quota's sold counter moved by a conditional UPDATE so an import can never oversell. No outbox event: a
/// migration must not mail every past buyer or fire a webhook per historic ticket. The caller owns the transaction and saves;
/// the batch's rows go in set-based (<see cref="ImportBulkInsert"/>), a handful of statements per batch.
/// </summary>
internal sealed class ImportWriter(PlatformDbContext db, ImportBulkInsert bulk, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string LegacyProvider = "legacy";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector protector = protection.CreateProtector("Platform.Orders.Buyer.v1");

    /// <summary>Writes the orders; returns the refs it refused (sold_out) or found already imported, by reason.</summary>
    public async Task<Dictionary<string, string>> WriteAsync(Guid tenantId, Guid jobId, IReadOnlyList<PlannedOrder> orders, bool keepCodes,
        IReadOnlyDictionary<Guid, TicketType> types, CancellationToken ct)
    {
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        var refs = orders.Select(o => o.Ref).ToList();
        foreach (var known in await db.Set<ImportedOrder>().AsNoTracking().Where(o => refs.Contains(o.LegacyOrderRef)).Select(o => o.LegacyOrderRef).ToListAsync(ct))
        {
            refused[known] = "already_imported"; // a batch committed by an earlier attempt whose progress was lost
        }

        var sql = new CheckoutSql(db);
        var todo = orders.Where(o => !refused.ContainsKey(o.Ref)).ToList();
        var holdIds = todo.ToDictionary(o => o.Ref, _ => Guid.CreateVersion7(), StringComparer.Ordinal);
        await TakeSeatsAsync(sql, tenantId, todo, holdIds, refused, ct);
        Guid QuotaOf(PlannedTicket t) => types[t.TicketTypeId].QuotaId!.Value;
        // General admission draws on its quota; a seated ticket type may draw on one too, on top of its seat.
        List<PlannedTicket> Ga(PlannedOrder o) => [.. o.Tickets.Where(t => types[t.TicketTypeId].QuotaId is not null)];
        // Stock first. Orders drawing on one quota: one conditional UPDATE per (quota, occurrence) for the whole batch;
        // when a group does not fit, its orders are tried one by one so only those beyond capacity are refused.
        var withQuota = todo.Where(o => !refused.ContainsKey(o.Ref) && Ga(o).Count > 0).ToList();
        var single = withQuota.Where(o => Ga(o).Select(QuotaOf).Distinct().Count() == 1).ToList();
        foreach (var group in single.GroupBy(o => (Quota: QuotaOf(Ga(o)[0]), o.OccurrenceId)))
        {
            if (await TakeAsync(sql, tenantId, group.Key.Quota, group.Key.OccurrenceId, group.Sum(o => Ga(o).Count), ct))
            {
                continue;
            }

            foreach (var order in group)
            {
                if (!await TakeAsync(sql, tenantId, group.Key.Quota, group.Key.OccurrenceId, Ga(order).Count, ct))
                {
                    refused[order.Ref] = "sold_out";
                }
            }
        }

        // Orders drawing on several quotas: all or nothing per order, giving back what was taken when one does not fit.
        foreach (var order in withQuota.Except(single))
        {
            var taken = new List<(Guid Quota, int Count)>();
            foreach (var part in Ga(order).GroupBy(QuotaOf))
            {
                if (!await TakeAsync(sql, tenantId, part.Key, order.OccurrenceId, part.Count(), ct))
                {
                    refused[order.Ref] = "sold_out";
                    break;
                }

                taken.Add((part.Key, part.Count()));
            }

            if (refused.ContainsKey(order.Ref))
            {
                foreach (var (quota, count) in taken)
                {
                    await sql.ExecuteAsync("UPDATE quota_counters SET sold = sold - @n WHERE tenant_id = @t AND quota_id = @q AND occurrence_id = @o",
                        ct, P("t", tenantId), P("q", quota), P("o", order.OccurrenceId), P("n", count));
                }
            }
        }

        // Seats of orders refused for their quota go back (those refused for a seat already gave theirs back).
        var release = todo.Where(o => refused.ContainsKey(o.Ref) && o.Tickets.Any(t => t.SeatId is not null)).Select(o => holdIds[o.Ref]).ToArray();
        await ReleaseSeatsAsync(sql, tenantId, release, ct);

        // The rows themselves: one INSERT … SELECT FROM unnest per table for the whole batch, parents first.
        var now = PostgresTime.Now(clock);
        var rows = new BatchRows();
        foreach (var order in todo.Where(o => !refused.ContainsKey(o.Ref)))
        {
            Add(rows, tenantId, jobId, holdIds[order.Ref], order, keepCodes, now);
        }

        await bulk.InsertAsync(rows.Holds, tenantId, ct);
        await bulk.InsertAsync(rows.Orders, tenantId, ct);
        await bulk.InsertAsync(rows.Payments, tenantId, ct);
        await bulk.InsertAsync(rows.ImportedOrders, tenantId, ct);
        await bulk.InsertAsync(rows.Lines, tenantId, ct);
        await bulk.InsertAsync(rows.Tickets, tenantId, ct);
        await bulk.InsertAsync(rows.Ledger, tenantId, ct);
        await bulk.InsertAsync(rows.ImportedTickets, tenantId, ct);
        return refused;
    }

    /// <summary>
    /// Seated tickets take exactly their seat, for the whole batch in one statement, as a box-office sale leaves it:
    /// <c>sold</c>, with the (converted) hold's id and no hold expiry. A seat sold, blocked or held meanwhile is not
    /// taken; its order is refused <c>seat_taken</c> and gives back the seats it did take.
    /// </summary>
    private static async Task TakeSeatsAsync(CheckoutSql sql, Guid tenantId, List<PlannedOrder> todo, Dictionary<string, Guid> holdIds,
        Dictionary<string, string> refused, CancellationToken ct)
    {
        var wanted = todo.SelectMany(o => o.Tickets.Where(t => t.SeatId is not null).Select(t => (Order: o, Seat: t.SeatId!.Value))).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var taken = (await sql.QueryAsync("""
            UPDATE event_seats es SET state = 'sold', hold_id = x.hold_id, held_until = NULL
            FROM unnest(@o, @s, @h) AS x(occurrence_id, seat_id, hold_id)
            WHERE es.tenant_id = @t AND es.occurrence_id = x.occurrence_id AND es.seat_id = x.seat_id
              AND (es.state = 'available' OR (es.state = 'held' AND es.held_until < now()))
            RETURNING es.hold_id, es.seat_id
            """, r => (Hold: r.GetGuid(0), Seat: r.GetGuid(1)), ct, P("t", tenantId), P("o", wanted.Select(w => w.Order.OccurrenceId).ToArray()),
            P("s", wanted.Select(w => w.Seat).ToArray()), P("h", wanted.Select(w => holdIds[w.Order.Ref]).ToArray()))).ToHashSet();
        var refusedForSeat = wanted.Where(w => !taken.Contains((holdIds[w.Order.Ref], w.Seat))).Select(w => w.Order).Distinct().ToList();
        foreach (var order in refusedForSeat)
        {
            refused[order.Ref] = "seat_taken";
        }

        await ReleaseSeatsAsync(sql, tenantId, refusedForSeat.Select(o => holdIds[o.Ref]).ToArray(), ct);
    }

    private static async Task ReleaseSeatsAsync(CheckoutSql sql, Guid tenantId, Guid[] holds, CancellationToken ct)
    {
        if (holds.Length > 0)
        {
            await sql.ExecuteAsync("UPDATE event_seats SET state = 'available', hold_id = NULL WHERE tenant_id = @t AND hold_id = ANY(@h) AND state = 'sold'",
                ct, P("t", tenantId), P("h", holds));
        }
    }

    private static async Task<bool> TakeAsync(CheckoutSql sql, Guid tenantId, Guid quotaId, Guid occurrenceId, int count, CancellationToken ct) =>
        count == 0 || await sql.ExecuteAsync("""
            UPDATE quota_counters SET sold = sold + @n
            WHERE tenant_id = @t AND quota_id = @q AND occurrence_id = @o AND capacity - held - sold >= @n
            """, ct, P("t", tenantId), P("q", quotaId), P("o", occurrenceId), P("n", count)) == 1;

    private void Add(BatchRows rows, Guid tenantId, Guid jobId, Guid holdId, PlannedOrder planned, bool keepCodes, DateTimeOffset now)
    {
        var at = planned.PaidAt is { } paid ? PostgresTime.Truncate(paid) : now;
        var actor = $"import:{jobId}";
        var hold = new Hold
        {
            Id = holdId, TenantId = tenantId, TokenHash = RandomHash(), EventId = planned.EventId, OccurrenceId = planned.OccurrenceId, Channel = SalesChannel.BoxOffice,
            State = HoldState.Converted, Quantity = planned.Tickets.Count, CreatedAt = at, ExpiresAt = at, EndedAt = at, QuotaSettled = true, CreatedBy = actor,
        };
        var orderId = Guid.CreateVersion7();
        var lines = planned.Tickets.GroupBy(t => (t.TicketTypeId, t.Price, t.PriceZoneId)).Select(g => (Tickets: g.ToList(), Line: new OrderLine
        {
            TenantId = tenantId, OrderId = orderId, TicketTypeId = g.Key.TicketTypeId, PriceZoneId = g.Key.PriceZoneId, Quantity = g.Count(),
            SeatIds = [.. g.Where(t => t.SeatId is not null).Select(t => t.SeatId!.Value)], Audience = Audience.Adult, UnitPrice = g.Key.Price,
            Total = g.Key.Price * g.Count(),
        })).ToList();
        var total = lines.Sum(l => l.Line.Total);
        var quote = new QuoteResponse(planned.EventId, planned.Currency,
            [.. lines.Select((l, i) => new QuoteLineResponse(i, l.Line.TicketTypeId, l.Line.PriceZoneId, Audience.Adult, l.Line.Quantity, l.Line.UnitPrice, l.Line.Total, 0, 0, 0,
                l.Line.Total, null, []))], [], total, 0, 0, 0, true, total, null, at);
        rows.Holds.Add(hold);
        rows.Orders.Add(new Order
        {
            TenantId = tenantId, Id = orderId, TokenHash = RandomHash(), HoldId = hold.Id, EventId = planned.EventId, OccurrenceId = planned.OccurrenceId,
            Channel = SalesChannel.BoxOffice, State = OrderState.Paid, Currency = planned.Currency, Subtotal = total, Total = total,
            QuoteJson = JsonSerializer.Serialize(quote, Json), BuyerNameProtected = protector.Protect(planned.BuyerName),
            BuyerEmailProtected = protector.Protect(planned.Email), BuyerPhoneProtected = planned.Phone is { } phone ? protector.Protect(phone) : null,
            BuyerEmailHash = HoldService.EmailKey(planned.Email)!, BuyerPhoneKey = BuyerSearchKeys.Phone(planned.Phone), BuyerNameKeys = BuyerSearchKeys.Name(planned.BuyerName),
            CreatedBy = actor, CreatedAt = at, PaymentDueAt = at, PaidAt = at,
        });
        rows.Payments.Add(new Payment
        {
            TenantId = tenantId, OrderId = orderId, Provider = LegacyProvider, Kind = Payment.KindPayment, Status = Payment.Succeeded, Amount = total,
            Currency = planned.Currency, Reference = planned.Ref, CreatedBy = actor, CreatedAt = at,
        });
        rows.ImportedOrders.Add(new ImportedOrder { TenantId = tenantId, LegacyOrderRef = planned.Ref, OrderId = orderId, JobId = jobId });
        foreach (var (tickets, line) in lines)
        {
            rows.Lines.Add(line);
            foreach (var planTicket in tickets)
            {
                var ticket = new Ticket
                {
                    TenantId = tenantId, Number = TicketNumbers.New(), OrderId = orderId, OrderLineId = line.Id, EventId = planned.EventId,
                    OccurrenceId = planned.OccurrenceId, TicketTypeId = line.TicketTypeId, PriceZoneId = planTicket.PriceZoneId, SeatId = planTicket.SeatId,
                    Audience = Audience.Adult, IssuedAt = at,
                };
                rows.Tickets.Add(ticket);
                rows.Ledger.Add(new LedgerEntry
                {
                    TenantId = tenantId, TicketId = ticket.Id, Kind = LedgerKinds.Issued, OccurredAt = now, Actor = actor,
                    Data = LedgerHash.Data(new Dictionary<string, string?>
                    {
                        ["orderId"] = orderId.ToString(), ["number"] = ticket.Number, ["eventId"] = planned.EventId.ToString(), ["seatId"] = planTicket.SeatId?.ToString(),
                        ["codeVersion"] = "1", ["legacyCode"] = planTicket.Code, ["importJob"] = jobId.ToString(),
                    }),
                });
                rows.ImportedTickets.Add(new ImportedTicket
                {
                    TenantId = tenantId, LegacyCode = planTicket.Code, LegacyOrderRef = planned.Ref, OrderId = orderId, TicketId = ticket.Id,
                    EventId = planned.EventId, Scannable = keepCodes, SeatLabel = planTicket.SeatLabel, JobId = jobId,
                });
            }
        }
    }

    /// <summary>Revokes imported tickets the legacy system now calls cancelled (the "changed" rows).</summary>
    public async Task RevokeAsync(Guid tenantId, Guid jobId, IReadOnlyList<PlannedRevocation> revocations, CancellationToken ct)
    {
        var ids = revocations.Select(r => r.TicketId).ToList();
        var now = PostgresTime.Now(clock);
        foreach (var ticket in await db.Set<Ticket>().Where(t => ids.Contains(t.Id) && t.State == TicketState.Valid).ToListAsync(ct))
        {
            ticket.State = TicketState.Revoked;
            ticket.RevokedAt = now;
            ticket.RevokedReason = "cancelled_in_legacy";
            db.Add(new LedgerEntry
            {
                TenantId = tenantId, TicketId = ticket.Id, Kind = LedgerKinds.Revoked, OccurredAt = now, Actor = $"import:{jobId}",
                Data = LedgerHash.Data(new Dictionary<string, string?> { ["reason"] = "cancelled_in_legacy", ["orderId"] = ticket.OrderId.ToString() }),
            });
        }
    }

    /// <summary>One batch's new rows per table, inserted set-based in foreign-key order.</summary>
    private sealed class BatchRows
    {
        public List<Hold> Holds { get; } = [];

        public List<Order> Orders { get; } = [];

        public List<Payment> Payments { get; } = [];

        public List<ImportedOrder> ImportedOrders { get; } = [];

        public List<OrderLine> Lines { get; } = [];

        public List<Ticket> Tickets { get; } = [];

        public List<LedgerEntry> Ledger { get; } = [];

        public List<ImportedTicket> ImportedTickets { get; } = [];
    }

    private static string RandomHash() => Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
}

