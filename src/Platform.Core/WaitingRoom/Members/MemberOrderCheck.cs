using Microsoft.EntityFrameworkCore;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.Pricing.Quotes;
using Platform.Tenancy;

namespace Platform.WaitingRoom.Members;

/// <summary>
/// The order half of a member's binding (ADR 0063): the room's gate made the member's holds use the member's address;
/// here, while the event's room has (or had) a member list, a public order must use the address its hold was made
/// with — so a listed address cannot be lent for the queue and swapped for another buyer's at checkout. Stateless: it
/// compares the hold's stored e-mail key with the order's, one primary-key read, only for events with a member list.
/// </summary>
internal sealed class MemberOrderCheck(PlatformDbContext db, RoomDirectory directory, TenantContext tenant) : IOrderPlacementCheck
{
    public async Task PlacingAsync(Order order, IReadOnlyList<HoldItem> items, IReadOnlyList<OrderLine> lines, QuoteResponse quote, CreateOrderRequest request,
        CancellationToken ct)
    {
        if (order.CreatedBy is not null
            || await directory.FindAsync(db, tenant.RequiredTenantId, order.EventId, ct) is not { MemberSalt: not null })
        {
            return;
        }

        var holdEmail = await db.Set<Hold>().AsNoTracking().Where(h => h.Id == order.HoldId).Select(h => h.BuyerEmailKey).FirstOrDefaultAsync(ct);
        if (holdEmail is not null && holdEmail != "email:" + order.BuyerEmailHash)
        {
            const string Detail = "This event's presale runs on a member list: order with the e-mail address the tickets were held with.";
            throw new ApiException(422, MemberListService.EmailMismatchCode, Detail, new Dictionary<string, string[]> { ["buyer.email"] = [Detail] });
        }
    }
}
