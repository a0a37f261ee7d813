using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TicketHolderNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "holders_protected",
                table: "orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "holder_names",
                table: "event_ticket_settings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "buyer");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "holders_protected",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "holder_names",
                table: "event_ticket_settings");
        }
    }
}
