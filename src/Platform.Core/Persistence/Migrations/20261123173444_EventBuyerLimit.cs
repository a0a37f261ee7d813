using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EventBuyerLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "max_tickets_per_buyer",
                table: "events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_events_max_tickets_per_buyer",
                table: "events",
                sql: "max_tickets_per_buyer IS NULL OR max_tickets_per_buyer > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_events_max_tickets_per_buyer",
                table: "events");

            migrationBuilder.DropColumn(
                name: "max_tickets_per_buyer",
                table: "events");
        }
    }
}
