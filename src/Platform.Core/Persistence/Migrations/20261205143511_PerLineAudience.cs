using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PerLineAudience : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Lines and tickets sold before audiences were per line: 'adult', the audience orders defaulted to.
            migrationBuilder.AddColumn<string>(
                name: "audience",
                table: "tickets",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "adult");

            migrationBuilder.AddColumn<string>(
                name: "audience",
                table: "order_lines",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "adult");

            migrationBuilder.AddColumn<string>(
                name: "audience",
                table: "hold_items",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_tickets_audience",
                table: "tickets",
                sql: "audience IN ('adult', 'child', 'senior', 'student')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_order_lines_audience",
                table: "order_lines",
                sql: "audience IN ('adult', 'child', 'senior', 'student')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_hold_items_audience",
                table: "hold_items",
                sql: "audience IN ('adult', 'child', 'senior', 'student')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_tickets_audience",
                table: "tickets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_order_lines_audience",
                table: "order_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_hold_items_audience",
                table: "hold_items");

            migrationBuilder.DropColumn(
                name: "audience",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "audience",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "audience",
                table: "hold_items");
        }
    }
}
