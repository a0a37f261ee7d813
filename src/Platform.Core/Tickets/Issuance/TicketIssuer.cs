using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Orders;
using Platform.Outbox;
using Platform.Persistence;
using Platform.Tickets.Ledger;

namespace Platform.Tickets.Issuance;

/// <summary>
/// Issues tickets inside the transaction that pays an order and revokes them inside the one that refunds it, so an
/// order and its tickets never disagree. One ticket per admission: a seated line gives one ticket per seat (with the
/// seat), any other line one per unit of quantity. The holder is whoever the buyer named for that ticket at checkout
/// (<see cref="TicketHolders"/>), else the buyer, until a transfer names someone else.
/// </summary>
internal sealed class TicketIssuer(PlatformDbContext db, TicketLedger ledger, OutboxWriter outbox, TimeProvider clock, TicketIssueGates gates,
    IDataProtectionProvider protection) : IOrderStateObserver
{
    private readonly IDataProtector buyer = protection.CreateProtector(TicketService.BuyerPurpose);
    private readonly IDataProtector holder = protection.CreateProtector(TicketService.HolderPurpose);

    public const string IssuedEvent = "tickets.issued";
    public const string RevokedEvent = "tickets.revoked";

    public async Task PaidAsync(Order order, IReadOnlyList<OrderLine> lines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(lines);
        if (await gates.HoldsBackAsync(order, ct))
        {
            // Issued later, by whoever releases the order (an approved anti-scalping review calls PaidAsync again).
            return;
        }

        var now = clock.GetUtcNow();
        var issued = new List<Ticket>();
        var named = NamedHolders(order);
        foreach (var line in lines)
        {
            var seats = line.SeatIds.Length > 0 ? line.SeatIds.Select(s => (Guid?)s) : Enumerable.Repeat<Guid?>(null, line.Quantity);
            var holders = named.Where(h => h.LineId == line.Id).ToList();
            var index = 0;
            foreach (var seat in seats)
            {
                var who = index < holders.Count ? holders[index] : null;
                index++;
                issued.Add(new Ticket
                {
                    TenantId = order.TenantId, Number = TicketNumbers.New(), OrderId = order.Id, OrderLineId = line.Id, EventId = order.EventId,
                    OccurrenceId = order.OccurrenceId, TicketTypeId = line.TicketTypeId, PriceZoneId = line.PriceZoneId, SeatId = seat, Audience = line.Audience,
                    IssuedAt = now,
                    HolderNameProtected = who?.Name is { } name ? holder.Protect(name) : null,
                    HolderEmailProtected = who?.Name is null ? null : holder.Protect(who.Email ?? buyer.Unprotect(order.BuyerEmailProtected)),
                });
            }
        }

        db.AddRange(issued);
        foreach (var ticket in issued)
        {
            ledger.Append(ticket.Id, LedgerKinds.Issued, new Dictionary<string, string?>
            {
                ["orderId"] = order.Id.ToString(), ["number"] = ticket.Number, ["eventId"] = ticket.EventId.ToString(),
                ["seatId"] = ticket.SeatId?.ToString(), ["codeVersion"] = "1",
            }, order.CreatedBy);
        }

        outbox.Add(IssuedEvent, new TicketsEvent(order.Id, order.EventId, [.. issued.Select(t => t.Id)], null));
    }

    /// <summary>The holders named at checkout (an unnamed entry keeps the buyer's name on its ticket).</summary>
    private List<StoredHolder> NamedHolders(Order order) =>
        order.HoldersProtected is { } stored ? TicketHolders.Deserialize(buyer.Unprotect(stored)) : [];

    /// <summary>
    /// Revokes <c>quantity</c> still-valid tickets of each refunded line, newest first (for seats: the line's last
    /// seats). Tickets already revoked are never counted twice, so a repeated refund of a line cannot over-revoke.
    /// </summary>
    public async Task RefundedAsync(Order order, IReadOnlyList<RefundedTickets> tickets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(tickets);
        var now = clock.GetUtcNow();
        var revoked = new List<Guid>();
        foreach (var refund in tickets.Where(t => t.Quantity > 0))
        {
            var victims = await db.Set<Ticket>()
                .Where(t => t.OrderLineId == refund.LineId && t.State == TicketState.Valid)
                .OrderByDescending(t => t.Id).Take(refund.Quantity).ToListAsync(ct);
            foreach (var ticket in victims)
            {
                ticket.State = TicketState.Revoked;
                ticket.RevokedAt = now;
                ticket.RevokedReason = "refunded";
                ledger.Append(ticket.Id, LedgerKinds.Revoked, new Dictionary<string, string?> { ["reason"] = "refunded", ["orderId"] = order.Id.ToString() }, null);
                revoked.Add(ticket.Id);
            }
        }

        if (revoked.Count > 0)
        {
            outbox.Add(RevokedEvent, new TicketsEvent(order.Id, order.EventId, revoked, "refunded"));
        }
    }
}

/// <summary>
/// A capability that may keep a paid order's tickets back (anti-scalping review). Asked inside the paying transaction;
/// true means "not now": the capability issues them later through <see cref="TicketIssuer"/>.
/// </summary>
public interface ITicketIssueGate
{
    /// <summary>The question asked on its own (an approval issuing the tickets of an order paid while it waited).</summary>
    Task<bool> HoldsBackAsync(Order order, CancellationToken ct);

    /// <summary>
    /// The same question as a SQL boolean, asked by the statement that marks the order paid (no round trip of its own,
    /// issue #20). It may use the parameter <c>@t</c> (the tenant) and the CTE <c>paid(id)</c>, which holds the order
    /// only once that statement has locked it and moved it to paid. That statement's snapshot predates any wait for the
    /// order's lock, so a verdict committed during the wait is invisible to a plain read: the expression must read the
    /// rows it depends on through <c>paid</c> (so they are read after the lock) with a row lock (<c>FOR SHARE</c>), which
    /// reads their newest committed version, as a separate statement after the lock did.
    /// </summary>
    string HoldsBackSql { get; }
}

/// <summary>
/// Every <see cref="ITicketIssueGate"/> of the request, and what the paying statement found for them: the payment asks
/// <see cref="HoldsBackSql"/> with the order's paid transition and hands the answer over with <see cref="Found"/>, so
/// issuing the tickets costs no read; any other caller (an approval) asks the gates themselves.
/// </summary>
public sealed class TicketIssueGates(IEnumerable<ITicketIssueGate> gates)
{
    private (Guid OrderId, bool HeldBack)? found;

    /// <summary>True when any gate holds the order's tickets back (see <see cref="ITicketIssueGate.HoldsBackSql"/>); false without gates.</summary>
    public string HoldsBackSql => gates.Any() ? string.Join(" OR ", gates.Select(g => $"({g.HoldsBackSql})")) : "false";

    /// <summary>What <see cref="HoldsBackSql"/> answered for <paramref name="orderId"/> in the transaction that is paying it.</summary>
    public void Found(Guid orderId, bool heldBack) => found = (orderId, heldBack);

    public async Task<bool> HoldsBackAsync(Order order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (found is { } answer && answer.OrderId == order.Id)
        {
            found = null;
            return answer.HeldBack;
        }

        foreach (var gate in gates)
        {
            if (await gate.HoldsBackAsync(order, ct))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Outbox/webhook data of tickets.issued and tickets.revoked.</summary>
internal sealed record TicketsEvent(Guid OrderId, Guid EventId, IReadOnlyList<Guid> TicketIds, string? Reason);
