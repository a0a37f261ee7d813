using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WaitingRooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "waiting_rooms",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rate_per_minute = table.Column<int>(type: "integer", nullable: false),
                    release_percent = table.Column<int>(type: "integer", nullable: false),
                    presale_code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    shuffled = table.Column<bool>(type: "boolean", nullable: false),
                    presale_next = table.Column<long>(type: "bigint", nullable: false),
                    presale_admitted = table.Column<long>(type: "bigint", nullable: false),
                    general_next = table.Column<long>(type: "bigint", nullable: false),
                    general_admitted = table.Column<long>(type: "bigint", nullable: false),
                    credit = table.Column<double>(type: "double precision", nullable: false),
                    last_tick_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_rooms", x => new { x.tenant_id, x.event_id });
                    table.CheckConstraint("ck_waiting_rooms_cursors", "presale_admitted <= presale_next AND general_admitted <= general_next");
                    table.CheckConstraint("ck_waiting_rooms_rate", "rate_per_minute BETWEEN 1 AND 100000");
                    table.CheckConstraint("ck_waiting_rooms_release", "release_percent BETWEEN 1 AND 100");
                    table.CheckConstraint("ck_waiting_rooms_state", "state IN ('open', 'paused', 'closed')");
                    table.ForeignKey(
                        name: "fk_waiting_rooms_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "waiting_rooms_active",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    room_tenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_rooms_active", x => x.event_id);
                });

            migrationBuilder.CreateTable(
                name: "waiting_room_tickets",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lane = table.Column<short>(type: "smallint", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: true),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    pass_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pass_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_room_tickets", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_waiting_room_tickets_waiting_rooms_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "waiting_rooms",
                        principalColumns: new[] { "tenant_id", "event_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_waiting_room_tickets_tenant_id_event_id_lane_seq",
                table: "waiting_room_tickets",
                columns: new[] { "tenant_id", "event_id", "lane", "seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "waiting_room_tickets");

            migrationBuilder.DropTable(
                name: "waiting_rooms_active");

            migrationBuilder.DropTable(
                name: "waiting_rooms");
        }
    }
}
