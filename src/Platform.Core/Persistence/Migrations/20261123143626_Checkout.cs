using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Checkout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Platform.Holds.EventSeatHoldColumns.Up);
            migrationBuilder.CreateTable(
                name: "buyer_event_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    buyer_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tickets = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_buyer_event_counters", x => new { x.tenant_id, x.event_id, x.buyer_key });
                    table.CheckConstraint("ck_buyer_event_counters_tickets", "tickets >= 0");
                    table.ForeignKey(
                        name: "fk_buyer_event_counters_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "holds",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    buyer_account_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    buyer_email_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    extended = table.Column<bool>(type: "boolean", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holds", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_holds_quantity", "quantity > 0");
                    table.CheckConstraint("ck_holds_state", "state IN ('active', 'converted', 'released', 'expired')");
                    table.ForeignKey(
                        name: "fk_holds_event_occurrences_tenant_id_occurrence_id",
                        columns: x => new { x.tenant_id, x.occurrence_id },
                        principalTable: "event_occurrences",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hold_items",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hold_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quota_id = table.Column<Guid>(type: "uuid", nullable: true),
                    price_zone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    seat_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hold_items", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_hold_items_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_hold_items_holds_tenant_id_hold_id",
                        columns: x => new { x.tenant_id, x.hold_id },
                        principalTable: "holds",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_hold_items_ticket_types_tenant_id_ticket_type_id",
                        columns: x => new { x.tenant_id, x.ticket_type_id },
                        principalTable: "ticket_types",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hold_items_tenant_id_hold_id",
                table: "hold_items",
                columns: new[] { "tenant_id", "hold_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hold_items_tenant_id_ticket_type_id",
                table: "hold_items",
                columns: new[] { "tenant_id", "ticket_type_id" });

            migrationBuilder.CreateIndex(
                name: "ix_holds_tenant_id_expires_at",
                table: "holds",
                columns: new[] { "tenant_id", "expires_at" },
                filter: "state = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_holds_tenant_id_occurrence_id",
                table: "holds",
                columns: new[] { "tenant_id", "occurrence_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Platform.Holds.EventSeatHoldColumns.Down);
            migrationBuilder.DropTable(
                name: "buyer_event_counters");

            migrationBuilder.DropTable(
                name: "hold_items");

            migrationBuilder.DropTable(
                name: "holds");
        }
    }
}
