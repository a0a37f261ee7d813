using Platform.Holds;
using Platform.Pricing.Quotes;

namespace Platform.Orders;

/// <summary>
/// A capability that must approve, and may record alongside, an order being placed (resellers check their price
/// floor/ceiling and record the commission per line). Called inside the placing transaction, after the hold row is
/// locked and before the order is saved; <c>lines[i]</c> was made from <c>items[i]</c> and quote line index i.
/// Throw an <see cref="Http.ApiException"/> to refuse (nothing is saved); add rows to the scoped context's unit of
/// work to record; never commit.
/// </summary>
public interface IOrderPlacementCheck
{
    Task PlacingAsync(Order order, IReadOnlyList<HoldItem> items, IReadOnlyList<OrderLine> lines, QuoteResponse quote, CreateOrderRequest request,
        CancellationToken ct);
}
