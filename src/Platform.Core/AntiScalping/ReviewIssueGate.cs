using Microsoft.EntityFrameworkCore;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tickets.Issuance;

namespace Platform.AntiScalping;

/// <summary>
/// Keeps the tickets of an order waiting for review (or rejected) from being issued when it is paid. One primary-key
/// read inside the paying transaction (not benchmarked yet); <see cref="ReviewService.ApproveAsync"/> issues
/// them once approved.
/// </summary>
internal sealed class ReviewIssueGate(PlatformDbContext db) : ITicketIssueGate
{
    public Task<bool> HoldsBackAsync(Order order, CancellationToken ct) =>
        db.Set<OrderRisk>().AsNoTracking()
            .AnyAsync(r => r.OrderId == order.Id && (r.Review == ReviewStates.Pending || r.Review == ReviewStates.Rejected), ct);
}
