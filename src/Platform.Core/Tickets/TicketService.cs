using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tickets.Codes;
using Platform.Venues;

namespace Platform.Tickets;

/// <summary>Reads tickets and shapes them for the API: holder (buyer unless transferred), seat labels, a fresh QR payload.</summary>
internal sealed class TicketService(PlatformDbContext db, TicketCodes codes, IDataProtectionProvider protection)
{
    /// <summary>The purpose OrderService encrypts buyer details with.</summary>
    public const string BuyerPurpose = "Platform.Orders.Buyer.v1";
    public const string HolderPurpose = "Platform.Tickets.Holder.v1";

    private readonly IDataProtector buyer = protection.CreateProtector(BuyerPurpose);
    private readonly IDataProtector holder = protection.CreateProtector(HolderPurpose);

    public Task<Ticket?> FindAsync(Guid id, CancellationToken ct) => db.Set<Ticket>().FirstOrDefaultAsync(t => t.Id == id, ct);

    public Task<List<Ticket>> ForOrderAsync(Guid orderId, CancellationToken ct) =>
        db.Set<Ticket>().AsNoTracking().Where(t => t.OrderId == orderId).OrderBy(t => t.Id).ToListAsync(ct);

    public string ProtectHolder(string value) => holder.Protect(value);

    public async Task<List<TicketResponse>> ToResponsesAsync(IReadOnlyList<Ticket> tickets, CancellationToken ct)
    {
        var orderIds = tickets.Where(t => t.HolderNameProtected is null).Select(t => t.OrderId).Distinct().ToList();
        var buyers = await db.Set<Order>().AsNoTracking().Where(o => orderIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new TicketHolderResponse(buyer.Unprotect(o.BuyerNameProtected), buyer.Unprotect(o.BuyerEmailProtected)), ct);
        var typeIds = tickets.Select(t => t.TicketTypeId).Distinct().ToList();
        var types = await db.Set<TicketType>().AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var seats = await SeatsAsync(tickets.Where(t => t.SeatId != null).Select(t => t.SeatId!.Value).Distinct().ToList(), ct);
        var signed = await codes.SignAsync([.. tickets.Where(t => t.State == TicketState.Valid)], ct);
        var result = new List<TicketResponse>(tickets.Count);
        foreach (var t in tickets)
        {
            var who = t.HolderNameProtected is { } name
                ? new TicketHolderResponse(holder.Unprotect(name), holder.Unprotect(t.HolderEmailProtected!))
                : buyers[t.OrderId];
            result.Add(new TicketResponse(t.Id, t.Number, t.State, t.OrderId, t.OrderLineId, t.EventId, t.OccurrenceId, t.TicketTypeId,
                types.GetValueOrDefault(t.TicketTypeId, ""), t.PriceZoneId, t.Audience, t.SeatId is { } s ? seats.GetValueOrDefault(s) : null, who,
                t.CodeVersion, t.TransferCount, t.IssuedAt, t.RevokedAt, t.RevokedReason,
                signed.GetValueOrDefault(t.Id)));
        }

        return result;
    }

    public async Task<TicketResponse> ToResponseAsync(Ticket ticket, CancellationToken ct) => (await ToResponsesAsync([ticket], ct))[0];

    private async Task<Dictionary<Guid, TicketSeatResponse>> SeatsAsync(List<Guid> seatIds, CancellationToken ct)
    {
        if (seatIds.Count == 0)
        {
            return [];
        }

        return await (from seat in db.Set<Seat>().AsNoTracking()
                      join section in db.Set<VenueSection>().AsNoTracking() on seat.SectionId equals section.Id
                      where seatIds.Contains(seat.Id)
                      select new { seat.Id, Section = section.Name, seat.RowLabel, seat.SeatLabel })
            .ToDictionaryAsync(x => x.Id, x => new TicketSeatResponse(x.Id, x.Section, x.RowLabel, x.SeatLabel), ct);
    }
}
