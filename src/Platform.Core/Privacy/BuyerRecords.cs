using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Holds;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tickets;

namespace Platform.Privacy;

/// <summary>
/// Finds where one buyer email is stored for the current tenant. Orders carry the email's hash (ADR 0033), so they
/// are found by index; a ticket transferred to the buyer carries only the encrypted holder email, so those tickets
/// (the transferred ones, few) are decrypted and compared. Tenant isolation is the query filter plus RLS.
/// </summary>
internal sealed class BuyerRecords(PlatformDbContext db, IDataProtectionProvider protection)
{
    private readonly IDataProtector holder = protection.CreateProtector(TicketService.HolderPurpose);

    /// <summary>The lookup key every place stores the email under (trimmed, lower-cased, SHA-256).</summary>
    public static string Key(string email) => HoldService.EmailKey(email)!;

    public Task<List<Guid>> OrderIdsAsync(string email, CancellationToken ct)
    {
        var key = Key(email);
        return db.Set<Order>().AsNoTracking().Where(o => o.BuyerEmailHash == key).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
    }

    /// <summary>Tickets of other orders whose holder (after a transfer) is this email, tracked so erasure can change them.</summary>
    public async Task<List<Ticket>> HeldTicketsAsync(string email, IReadOnlyCollection<Guid> ownOrderIds, CancellationToken ct)
    {
        var wanted = email.Trim().ToLowerInvariant();
        var transferred = await db.Set<Ticket>().Where(t => t.HolderEmailProtected != null && !ownOrderIds.Contains(t.OrderId)).ToListAsync(ct);
        return [.. transferred.Where(t => holder.Unprotect(t.HolderEmailProtected!).Trim().ToLowerInvariant() == wanted)];
    }
}
