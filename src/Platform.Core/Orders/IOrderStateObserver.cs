namespace Platform.Orders;

/// <summary>Tickets of one order line given back by a refund (or all of an order's remaining tickets on a full refund).</summary>
public sealed record RefundedTickets(Guid LineId, int Quantity);

/// <summary>
/// A capability whose rows must change in the same transaction as an order's state: tickets are issued when an
/// order becomes paid and revoked when it is refunded. Whatever moves an order (a sandbox or box-office payment,
/// a Stripe webhook, a refund) calls every registered observer before it commits, so the order and its tickets can
/// never disagree after a crash. Observers add to the scoped <c>PlatformDbContext</c>'s unit of work or run SQL in
/// its current transaction; they must not commit.
/// </summary>
public interface IOrderStateObserver
{
    /// <summary>
    /// The order has just moved pending_payment → paid (its hold is converted, its payment recorded). Its
    /// <paramref name="lines"/> (ordered by id) are the ones the payment read, so observers need not read them again.
    /// </summary>
    Task PaidAsync(Order order, IReadOnlyList<OrderLine> lines, CancellationToken ct);

    /// <summary>The order has just been refunded, fully or for the given tickets.</summary>
    Task RefundedAsync(Order order, IReadOnlyList<RefundedTickets> tickets, CancellationToken ct);
}
