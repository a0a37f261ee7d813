using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.CheckIn;
using Platform.Orders;
using Platform.Payments;
using Platform.Persistence;
using Platform.Pricing;
using Platform.Pricing.Vouchers;
using Platform.Tickets;

namespace Platform.Privacy;

/// <summary>
/// GET /api/v1/privacy/buyers/export: the buyer's orders (lines, payments and refunds, buyer details decrypted), their
/// tickets and tickets transferred to them (holders decrypted, no QR), their voucher redemptions, the check-ins of
/// those tickets and the audit entries about those orders and tickets.
/// </summary>
internal sealed class BuyerExport(PlatformDbContext db, BuyerRecords records, OrderService orders, TicketService tickets, TimeProvider clock)
{
    public async Task<BuyerExportResponse> ExportAsync(string email, CancellationToken ct)
    {
        email = email.Trim();
        var orderIds = await records.OrderIdsAsync(email, ct);
        var found = await db.Set<Order>().AsNoTracking().Where(o => orderIds.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(ct);
        var lines = (await db.Set<OrderLine>().AsNoTracking().Where(l => orderIds.Contains(l.OrderId)).ToListAsync(ct)).ToLookup(l => l.OrderId);
        var payments = (await db.Set<Payment>().AsNoTracking().Where(p => orderIds.Contains(p.OrderId)).OrderBy(p => p.Id).ToListAsync(ct)).ToLookup(p => p.OrderId);
        var orderResponses = found.Select(o => orders.ToResponse(new OrderDetail(o, [.. lines[o.Id]], [.. payments[o.Id]]), null)).ToList();

        var own = await db.Set<Ticket>().AsNoTracking().Where(t => orderIds.Contains(t.OrderId)).ToListAsync(ct);
        var held = await records.HeldTicketsAsync(email, orderIds, ct);
        var all = own.Concat(held).OrderBy(t => t.Id).ToList();
        var ticketResponses = await tickets.ToResponsesAsync(all, ct);
        var ticketIds = all.Select(t => t.Id).ToList();

        var normalized = email.ToLowerInvariant();
        var redemptions = await (from r in db.Set<VoucherRedemption>().AsNoTracking()
                                 join v in db.Set<Voucher>().AsNoTracking() on r.VoucherId equals v.Id
                                 where r.BuyerEmail == normalized || (r.OrderId != null && orderIds.Contains(r.OrderId.Value))
                                 orderby r.Id
                                 select new BuyerVoucherRedemptionExport(r.Id, r.VoucherId, v.Code, r.OrderId, r.RedeemedAt)).ToListAsync(ct);
        var checkIns = await db.Set<CheckInRecord>().AsNoTracking().Where(c => ticketIds.Contains(c.TicketId)).OrderBy(c => c.Id)
            .Select(c => new BuyerCheckInExport(c.Id, c.TicketId, c.EventId, c.Gate, c.Direction, c.ScannedAt, c.Source)).ToListAsync(ct);
        var entityIds = orderIds.Concat(ticketIds).Select(id => id.ToString()).ToList();
        var audit = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => (e.EntityType == "order" || e.EntityType == "ticket") && entityIds.Contains(e.EntityId)).OrderBy(e => e.Id).ToListAsync(ct);

        return new BuyerExportResponse(email, clock.GetUtcNow(), orderResponses,
            [.. ticketResponses.Select(t => new BuyerTicketExport(t.Id, t.Number, t.State, t.OrderId, t.EventId, t.OccurrenceId, t.TicketTypeName, t.Audience,
                t.Seat, t.Holder, t.TransferCount, t.IssuedAt, t.RevokedAt, t.RevokedReason))],
            redemptions, checkIns,
            [.. audit.Select(e => new BuyerAuditEntryExport(e.Id, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId,
                e.Changes is null ? null : JsonDocument.Parse(e.Changes).RootElement.Clone()))]);
    }
}
