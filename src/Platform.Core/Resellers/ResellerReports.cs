using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Orders;
using Platform.Persistence;

namespace Platform.Resellers;

/// <summary>Per allocation: the counters as they stand, and sales from the lines recorded at placement of orders that were paid.</summary>
internal sealed class ResellerReports(PlatformDbContext db)
{
    private static readonly OrderState[] Settled = [OrderState.Paid, OrderState.PartiallyRefunded, OrderState.Refunded];

    public async Task<ResellerReport> ForAsync(string clientId, CancellationToken ct)
    {
        var allocations = await db.Set<ResellerAllocation>().AsNoTracking().Where(a => a.ClientId == clientId)
            .OrderBy(a => a.EventId).ThenBy(a => a.TicketTypeId).ToListAsync(ct);
        var lines = await (
                from s in db.Set<ResellerSale>()
                join l in db.Set<OrderLine>() on s.OrderLineId equals l.Id
                join o in db.Set<Order>() on s.OrderId equals o.Id
                where s.ClientId == clientId && Settled.Contains(o.State)
                select new { s.AllocationId, l.Total, l.RefundedAmount, l.Quantity, l.RefundedQuantity, s.Commission })
            .AsNoTracking().ToListAsync(ct);
        var sales = lines.GroupBy(x => x.AllocationId).ToDictionary(g => g.Key, g => new
        {
            Gross = g.Sum(x => x.Total - x.RefundedAmount),
            Commission = g.Sum(x => ResellerRules.RemainingCommission(x.Commission, x.Quantity, x.RefundedQuantity)),
        });
        var eventIds = allocations.Select(a => a.EventId).Distinct().ToList();
        var currencies = await db.Set<TicketType>().AsNoTracking().Where(t => eventIds.Contains(t.EventId))
            .Select(t => new { t.Id, t.EventId, t.Currency }).ToListAsync(ct);
        return new ResellerReport(clientId, [.. allocations.Select(a =>
        {
            sales.TryGetValue(a.Id, out var sold);
            var currency = currencies.FirstOrDefault(t => t.Id == a.TicketTypeId)?.Currency
                           ?? currencies.FirstOrDefault(t => t.EventId == a.EventId)?.Currency ?? "";
            return new ResellerReportLine(a.Id, a.EventId, a.TicketTypeId, a.Quantity, a.Held, a.Sold, a.Quantity - a.Held - a.Sold, currency,
                sold?.Gross ?? 0, sold?.Commission ?? 0, a.CommissionBps);
        })]);
    }
}
