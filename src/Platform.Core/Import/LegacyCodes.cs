using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets.Codes;

namespace Platform.Import;

/// <summary>
/// The gate's second way in for imported tickets whose tenant kept the old codes: a code that is not one of our signed
/// codes is looked up among the tenant's imported legacy codes (RLS and the query filter keep it to the tenant). A
/// match verifies as code version 1, so the scan's single statement admits it exactly once, like any ticket, and a
/// transfer (which bumps the version and issues a new signed code) makes the old code stale.
/// </summary>
internal static class LegacyCodes
{
    public static async Task<TicketCodeVerification?> FindAsync(PlatformDbContext db, TenantContext tenant, string? code, CancellationToken ct)
    {
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 100 || tenant.TenantId is not { } tenantId)
        {
            return null;
        }

        var hit = await db.Set<ImportedTicket>().AsNoTracking().Where(t => t.LegacyCode == text && t.Scannable)
            .Select(t => new { t.TicketId, t.EventId }).FirstOrDefaultAsync(ct);
        return hit is null ? null : new TicketCodeVerification(true, null, tenantId, hit.TicketId, hit.EventId, 1, null);
    }
}
