using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;

namespace Platform.Venues;

/// <summary>
/// Writes many seats in one statement: INSERT ... SELECT FROM unnest(arrays). A 40,000-seat stadium is one round
/// trip of column arrays instead of 40,000 tracked entities. Binary COPY would be faster still, but PostgreSQL refuses
/// COPY FROM into a table under row-level security, and every tenant table is. Must run inside the caller's
/// transaction (which carries the tenant), so the seats commit with their sections.
/// </summary>
internal static class SeatWriter
{
    private const string Sql = """
        INSERT INTO seats (tenant_id, id, venue_id, section_id, row_label, seat_label, x, y, accessible, restricted_view, blocked, price_zone_id, ordinal)
        SELECT @tenant, u.id, @venue, u.section_id, u.row_label, u.seat_label, u.x, u.y, u.accessible, u.restricted_view, u.blocked, u.price_zone_id, u.ordinal
        FROM unnest(@ids, @sections, @rows, @labels, @xs, @ys, @accessible, @restricted, @blocked, @zones, @ordinals)
             AS u(id, section_id, row_label, seat_label, x, y, accessible, restricted_view, blocked, price_zone_id, ordinal)
        """;

    public static async Task InsertAsync(PlatformDbContext db, Guid tenantId, Guid venueId, IReadOnlyList<Seat> seats, CancellationToken ct)
    {
        if (seats.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Seats are written inside the transaction of their sections.");
        }

        NpgsqlParameter[] parameters =
        [
            new("tenant", tenantId),
            new("venue", venueId),
            new("ids", seats.Select(s => s.Id).ToArray()),
            new("sections", seats.Select(s => s.SectionId).ToArray()),
            new("rows", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = seats.Select(s => s.RowLabel).ToArray() },
            new("labels", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = seats.Select(s => s.SeatLabel).ToArray() },
            new("xs", seats.Select(s => s.X).ToArray()),
            new("ys", seats.Select(s => s.Y).ToArray()),
            new("accessible", seats.Select(s => s.Accessible).ToArray()),
            new("restricted", seats.Select(s => s.RestrictedView).ToArray()),
            new("blocked", seats.Select(s => s.Blocked).ToArray()),
            new("zones", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = seats.Select(s => s.PriceZoneId).ToArray() },
            new("ordinals", seats.Select(s => s.Ordinal).ToArray()),
        ];
        await db.Database.ExecuteSqlRawAsync(Sql, parameters, ct);
        await PlannerStatistics.RefreshAfterBulkWriteAsync(db, "seats", seats.Count, ct);
    }
}
