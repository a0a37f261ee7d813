using Microsoft.EntityFrameworkCore;

namespace Platform.Persistence;

/// <summary>
/// Refreshes PostgreSQL's planner statistics of a table right after a tenant request bulk-wrote it (ADR 0018). A new
/// tenant's rows are invisible to statistics gathered before they existed, so the planner estimates one row for any
/// filter on that tenant and may pick a nested loop that scans the tenant's whole seat map per row: the S2 benchmark's
/// free-seat read took ~17 s per call for a venue created seconds before, until autovacuum got round to it. A new
/// promoter creating a stadium and going on sale minutes later is exactly that case. Runs in the caller's transaction,
/// so it counts the rows just written and commits with them.
/// </summary>
internal static class PlannerStatistics
{
    /// <summary>
    /// ADR 0018: the app role owns nothing, so it cannot ANALYZE; this function runs as the schema owner, for the tables
    /// tenant requests bulk-write only. Created by the baseline migration.
    /// </summary>
    public const string FunctionUp = """
        CREATE FUNCTION refresh_planner_statistics(table_name text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
            IF table_name NOT IN ('seats', 'event_seats') THEN
                RAISE EXCEPTION 'refresh_planner_statistics: % is not a bulk-written table', table_name;
            END IF;
            EXECUTE format('ANALYZE %I', table_name);
        END $$;
        """;

    public const string FunctionDown = "DROP FUNCTION IF EXISTS refresh_planner_statistics(text);";

    /// <summary>Below this many rows a one-row estimate costs little; autovacuum catches up in its own time.</summary>
    public const int BulkRows = 1000;

    public static async Task RefreshAfterBulkWriteAsync(PlatformDbContext db, string table, int rowsWritten, CancellationToken ct)
    {
        if (rowsWritten >= BulkRows)
        {
            // refresh_planner_statistics runs as the schema owner (the app role cannot ANALYZE) and only for bulk-written tables.
            await db.Database.ExecuteSqlAsync($"SELECT refresh_planner_statistics({table})", ct);
        }
    }
}
