using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PlannerStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR 0018: the app role owns nothing, so it cannot ANALYZE; this runs as the schema owner, for the tables
            // tenant requests bulk-write only.
            migrationBuilder.Sql("""
                CREATE FUNCTION refresh_planner_statistics(table_name text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
                BEGIN
                    IF table_name NOT IN ('seats', 'event_seats') THEN
                        RAISE EXCEPTION 'refresh_planner_statistics: % is not a bulk-written table', table_name;
                    END IF;
                    EXECUTE format('ANALYZE %I', table_name);
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION refresh_planner_statistics(text);");
        }
    }
}
