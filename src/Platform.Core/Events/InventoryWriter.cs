using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.Events;

/// <summary>
/// Creates the per-occurrence seat state rows of a seated event in one set-based statement (a stadium occurrence is
/// 40,000 rows). Idempotent (ON CONFLICT DO NOTHING), so it runs whenever seating or occurrences change. Runs inside
/// the caller's transaction, and refreshes the table's planner statistics after a bulk write (ADR 0018).
/// </summary>
internal static class InventoryWriter
{
    public static async Task<int> CreateSeatStatesAsync(PlatformDbContext db, Guid tenantId, Guid eventId, Guid venueId, CancellationToken ct)
    {
        // A bulk statement, not a request-path query: the 30 s default is too tight for 40,000 rows on a loaded
        // machine (a stadium sample load that takes ~4 s alone once ran past it late in a CI test run).
        var previous = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(2));
        try
        {
            var written = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO event_seats (tenant_id, occurrence_id, seat_id, event_id, section_id, price_zone_id, state)
                SELECT s.tenant_id, o.id, s.id, o.event_id, s.section_id, s.price_zone_id,
                       CASE WHEN s.blocked THEN 'blocked' ELSE 'available' END -- a venue's kill seat is never on sale
                FROM event_occurrences o
                JOIN seats s ON s.tenant_id = o.tenant_id AND s.venue_id = {venueId}
                WHERE o.tenant_id = {tenantId} AND o.event_id = {eventId}
                ON CONFLICT DO NOTHING
                """, ct);
            await PlannerStatistics.RefreshAfterBulkWriteAsync(db, "event_seats", written, ct);
            return written;
        }
        finally
        {
            db.Database.SetCommandTimeout(previous);
        }
    }
}
