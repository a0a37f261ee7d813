using Microsoft.EntityFrameworkCore;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tickets.Issuance;

namespace Platform.AntiScalping;

/// <summary>
/// Keeps the tickets of an order waiting for review (or rejected) from being issued when it is paid: a column of the
/// statement that marks the order paid (issue #20), else one primary-key read; <see cref="ReviewService.ApproveAsync"/>
/// issues them once approved.
/// </summary>
internal sealed class ReviewIssueGate(PlatformDbContext db) : ITicketIssueGate
{
    /// <summary>
    /// Read through <c>paid</c>, i.e. after the order's lock is taken, with FOR SHARE so it sees the newest committed
    /// verdict: approve and reject lock the order row first, so by then a verdict is either committed (and read) or
    /// waiting for this payment to commit (and then finds the order paid). A plain read would use the statement's
    /// snapshot, taken before a wait on an approval holding the order, and keep an approved order's tickets back for ever.
    /// </summary>
    public string HoldsBackSql => $"""
        EXISTS (SELECT 1 FROM order_risks r JOIN paid ON r.order_id = paid.id
                WHERE r.tenant_id = @t AND r.review IN ('{ReviewStates.Pending}', '{ReviewStates.Rejected}') FOR SHARE OF r)
        """;

    public Task<bool> HoldsBackAsync(Order order, CancellationToken ct) =>
        db.Set<OrderRisk>().AsNoTracking()
            .AnyAsync(r => r.OrderId == order.Id && (r.Review == ReviewStates.Pending || r.Review == ReviewStates.Rejected), ct);
}
