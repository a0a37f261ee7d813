using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WaitingRoomMembers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "member_salt",
                table: "waiting_rooms",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "members_updated_at",
                table: "waiting_rooms",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "waiting_room_members",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_room_members", x => new { x.tenant_id, x.event_id, x.email_hash });
                    table.ForeignKey(
                        name: "fk_waiting_room_members_waiting_rooms_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "waiting_rooms",
                        principalColumns: new[] { "tenant_id", "event_id" },
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "waiting_room_members");

            migrationBuilder.DropColumn(
                name: "member_salt",
                table: "waiting_rooms");

            migrationBuilder.DropColumn(
                name: "members_updated_at",
                table: "waiting_rooms");
        }
    }
}
