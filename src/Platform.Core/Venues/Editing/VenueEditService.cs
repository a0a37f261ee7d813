using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Pricing;

namespace Platform.Venues.Editing;

/// <summary>
/// The seat-map editor's writes: paint seats (zone, accessible, restricted view, blocked) and delete a section. Every
/// edit writes the venue row, so its version (xmin) moves and a stale editor's If-Match is refused (409) instead of
/// silently overwriting a colleague's work; the venue row's lock also serialises two editors' concurrent saves.
/// </summary>
public sealed class VenueEditService(PlatformDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<UpdateSeatsResponse> UpdateSeatsAsync(Venue venue, UpdateSeatsRequest request, uint? expectedVersion, CancellationToken ct)
    {
        PricingAudit.CheckVersion(venue.Version, expectedVersion, "venue");
        Guid? zoneId = null;
        if (request.PriceZone is { } code)
        {
            zoneId = await db.Set<PriceZone>().Where(z => z.VenueId == venue.Id && z.Code == code).Select(z => (Guid?)z.Id).FirstOrDefaultAsync(ct)
                ?? throw FieldProblems.Invalid("priceZone", $"price zone {code} does not exist in this venue.");
        }

        var ids = request.SeatIds!.Distinct().ToArray();
        var known = await db.Set<Seat>().CountAsync(s => s.VenueId == venue.Id && ids.Contains(s.Id), ct);
        if (known != ids.Length)
        {
            throw FieldProblems.Invalid("seatIds", $"{ids.Length - known} of the listed seats are not seats of this venue.");
        }

        await using var transaction = await OwnedTransaction.BeginAsync(db, ct);
        venue.UpdatedAt = clock.GetUtcNow();
        audit.Record("venue.seats_updated", "venue", venue.Id.ToString(), Changes(request, ids.Length));
        // Venue row first: a concurrent edit that saved since we read it fails here (409), before any seat changes.
        await db.SaveChangesAsync(ct);

        if (request.Blocked is { } blocked)
        {
            await SetBlockedInOccurrencesAsync(ids, blocked, ct);
        }

        var updated = await db.Set<Seat>().Where(s => s.VenueId == venue.Id && ids.Contains(s.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.PriceZoneId, x => zoneId ?? x.PriceZoneId)
            .SetProperty(x => x.Accessible, x => request.Accessible ?? x.Accessible)
            .SetProperty(x => x.RestrictedView, x => request.RestrictedView ?? x.RestrictedView)
            .SetProperty(x => x.Blocked, x => request.Blocked ?? x.Blocked), ct);
        await transaction.CommitAsync(ct);
        return new UpdateSeatsResponse(updated, venue.Version);
    }

    /// <summary>
    /// Deletes a section with its seats (and its view image) while no occurrence sells it: a sold or held seat, or a
    /// general-admission quota on it, answers 409 section_in_use. Its unsold per-occurrence seat rows go with it.
    /// </summary>
    public async Task DeleteSectionAsync(Venue venue, VenueSection section, uint? expectedVersion, CancellationToken ct)
    {
        PricingAudit.CheckVersion(venue.Version, expectedVersion, "venue");
        await using var transaction = await OwnedTransaction.BeginAsync(db, ct);
        venue.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        var inUse = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM (
                SELECT 1 FROM event_seats
                WHERE section_id = {section.Id} AND (state = 'sold' OR (state = 'held' AND held_until >= {now}))
                FOR UPDATE) AS taken
            """).SingleAsync(ct);
        if (inUse > 0 || await db.Set<Quota>().AnyAsync(q => q.SectionId == section.Id, ct))
        {
            throw new ConflictException("section_in_use", $"Section {section.Code} is sold or held in an occurrence, or an event has a quota on it; it cannot be deleted.");
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM event_seats WHERE section_id = {section.Id}", ct);
        db.Remove(section);
        audit.Record("venue.section_deleted", "venue", venue.Id.ToString(),
            new Dictionary<string, FieldChange> { ["sections"] = new($"{section.Code} ({section.Capacity})", null) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// A kill seat is never sold: blocking takes it off sale in every existing occurrence (refused while one holds or
    /// sold it), releasing puts it back on sale there, occurrence-level blocks of that seat included (ADR 0052).
    /// </summary>
    private async Task SetBlockedInOccurrencesAsync(Guid[] ids, bool blocked, CancellationToken ct)
    {
        if (!blocked)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE event_seats SET state = 'available' WHERE seat_id = ANY({ids}) AND state = 'blocked'", ct);
            return;
        }

        var now = clock.GetUtcNow();
        var taken = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM (
                SELECT 1 FROM event_seats WHERE seat_id = ANY({ids}) AND (state = 'sold' OR (state = 'held' AND held_until >= {now}))
                FOR UPDATE) AS t
            """).SingleAsync(ct);
        if (taken > 0)
        {
            throw new ApiException(StatusCodes.Status409Conflict, "seats_in_use",
                $"{taken} of the seats are sold or held in an occurrence; refund or release them before blocking.",
                new Dictionary<string, string[]> { ["seatIds"] = [$"{taken} of the seats are sold or held in an occurrence."] });
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE event_seats SET state = 'blocked', hold_id = NULL, held_until = NULL
            WHERE seat_id = ANY({ids}) AND state IN ('available', 'held')
            """, ct);
    }

    private static Dictionary<string, FieldChange> Changes(UpdateSeatsRequest r, int count)
    {
        var changes = new Dictionary<string, FieldChange> { ["seats"] = new(null, count) };
        if (r.PriceZone is not null)
        {
            changes["priceZone"] = new(null, r.PriceZone);
        }

        if (r.Accessible is not null)
        {
            changes["accessible"] = new(null, r.Accessible);
        }

        if (r.RestrictedView is not null)
        {
            changes["restrictedView"] = new(null, r.RestrictedView);
        }

        if (r.Blocked is not null)
        {
            changes["blocked"] = new(null, r.Blocked);
        }

        return changes;
    }
}
