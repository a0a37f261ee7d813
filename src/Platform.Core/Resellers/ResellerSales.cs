using Microsoft.EntityFrameworkCore;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.Pricing.Quotes;
using Platform.Sales;

namespace Platform.Resellers;

/// <summary>
/// At placement: a reseller's order must price each ticket within its allocation's floor and ceiling (after
/// discounts, before fees and tax; else 409 <c>price_outside_allocation</c>), and each line's commission is recorded.
/// </summary>
internal sealed class ResellerPlacementCheck(PlatformDbContext db) : IOrderPlacementCheck
{
    public async Task PlacingAsync(Order order, IReadOnlyList<HoldItem> items, IReadOnlyList<OrderLine> lines, QuoteResponse quote,
        CreateOrderRequest request, CancellationToken ct)
    {
        var ids = items.Select(i => i.AllocationId).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var allocations = await db.Set<ResellerAllocation>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].AllocationId is not { } allocationId)
            {
                continue;
            }

            // An allocation with tickets held on it cannot be deleted, so it is there; fail closed all the same.
            var allocation = allocations.GetValueOrDefault(allocationId) ?? throw ResellerTerms.NoAllocation();
            var priced = quote.Lines.Single(l => l.Index == i);
            var amount = priced.BaseAmount - priced.Discount;
            if (!ResellerRules.WithinPrice(amount, priced.Quantity, allocation.PriceFloor, allocation.PriceCeiling))
            {
                throw new ConflictException("price_outside_allocation",
                    $"A ticket would sell at {amount / priced.Quantity} (minor units), outside the reseller's price range " +
                    $"{allocation.PriceFloor?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}–" +
                    $"{allocation.PriceCeiling?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}.");
            }

            var bps = allocation.CommissionBps ?? 0;
            db.Add(new ResellerSale
            {
                OrderLineId = lines[i].Id, OrderId = order.Id, AllocationId = allocationId, ClientId = allocation.ClientId, CommissionBps = bps,
                Commission = ResellerRules.Commission(amount, bps),
            });
        }
    }
}

/// <summary>
/// Keeps a reseller's allocation counters in step with its orders: paid → the hold's units move held → sold on the
/// allocation (inside the payment's transaction; allocation rows are per reseller, not the event's hot row);
/// refunded tickets no longer count against the allocation (sold − n). The quota side is the payment and refund
/// paths' own business; the allocation is only a cap on the reseller, so either way no stock is invented.
/// </summary>
internal sealed class ResellerRefundObserver(PlatformDbContext db, Tenancy.TenantContext tenant) : IOrderStateObserver
{
    /// <summary>Only a reseller-channel hold draws on an allocation (ResellerGate), so other orders skip the round trip.</summary>
    public Task PaidAsync(Order order, IReadOnlyList<OrderLine> lines, CancellationToken ct) =>
        order.Channel == SalesChannel.Reseller ? new HoldStock(db).SellAllocationsAsync(tenant.RequiredTenantId, order.HoldId, ct) : Task.CompletedTask;

    public async Task RefundedAsync(Order order, IReadOnlyList<RefundedTickets> tickets, CancellationToken ct)
    {
        var lineIds = tickets.Select(t => t.LineId).ToList();
        var sales = await db.Set<ResellerSale>().AsNoTracking().Where(s => s.OrderId == order.Id && lineIds.Contains(s.OrderLineId))
            .Select(s => new { s.OrderLineId, s.AllocationId }).ToListAsync(ct);
        foreach (var group in sales.GroupBy(s => s.AllocationId).OrderBy(g => g.Key))
        {
            var n = tickets.Where(t => group.Any(s => s.OrderLineId == t.LineId)).Sum(t => t.Quantity);
            if (db.Database.CurrentTransaction is not null)
            {
                // Inside the refund's transaction: a conditional UPDATE, like every other counter movement.
                await db.Set<ResellerAllocation>().Where(a => a.Id == group.Key && a.Sold >= n)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Sold, a => a.Sold - n), ct);
            }
            else if (await db.Set<ResellerAllocation>().FirstOrDefaultAsync(a => a.Id == group.Key, ct) is { } allocation)
            {
                // No transaction: change the tracked row so it saves with the refund, guarded by its version (a
                // concurrent sale on the allocation makes the refund's SaveChanges fail as a concurrency conflict).
                allocation.Sold = Math.Max(0, allocation.Sold - n);
            }
        }
    }
}
