using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_ticket_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    transfers_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    transfer_deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    max_transfers_per_ticket = table.Column<int>(type: "integer", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_ticket_settings", x => new { x.tenant_id, x.event_id });
                    table.CheckConstraint("ck_event_ticket_settings_max", "max_transfers_per_ticket IS NULL OR max_transfers_per_ticket >= 0");
                    table.ForeignKey(
                        name: "fk_event_ticket_settings_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_ledger_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: true),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    prev_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_ledger_entries", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_ticket_ledger_entries_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_ledger_heads",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_ledger_heads", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_ticket_ledger_heads_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_signing_keys",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kid = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    x = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    y = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    private_key_protected = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_signing_keys", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_ticket_signing_keys_status", "status IN ('active', 'retired')");
                    table.ForeignKey(
                        name: "fk_ticket_signing_keys_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price_zone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    seat_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    code_version = table.Column<int>(type: "integer", nullable: false),
                    holder_name_protected = table.Column<string>(type: "text", nullable: true),
                    holder_email_protected = table.Column<string>(type: "text", nullable: true),
                    access_token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    transfer_count = table.Column<int>(type: "integer", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tickets", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_tickets_code_version", "code_version >= 1");
                    table.CheckConstraint("ck_tickets_state", "state IN ('valid', 'revoked')");
                    table.ForeignKey(
                        name: "fk_tickets_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tickets_order_lines_tenant_id_order_line_id",
                        columns: x => new { x.tenant_id, x.order_line_id },
                        principalTable: "order_lines",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tickets_orders_tenant_id_order_id",
                        columns: x => new { x.tenant_id, x.order_id },
                        principalTable: "orders",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_ledger_entries_tenant_id_seq",
                table: "ticket_ledger_entries",
                columns: new[] { "tenant_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ticket_ledger_entries_tenant_id_ticket_id",
                table: "ticket_ledger_entries",
                columns: new[] { "tenant_id", "ticket_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_ledger_entries_unsealed",
                table: "ticket_ledger_entries",
                columns: new[] { "tenant_id", "id" },
                filter: "seq IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ticket_signing_keys_tenant_id_kid",
                table: "ticket_signing_keys",
                columns: new[] { "tenant_id", "kid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_ticket_signing_keys_active",
                table: "ticket_signing_keys",
                column: "tenant_id",
                unique: true,
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_tenant_id_access_token_hash",
                table: "tickets",
                columns: new[] { "tenant_id", "access_token_hash" },
                filter: "access_token_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_tenant_id_event_id_id",
                table: "tickets",
                columns: new[] { "tenant_id", "event_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_tenant_id_number",
                table: "tickets",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_tenant_id_order_id",
                table: "tickets",
                columns: new[] { "tenant_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_tenant_id_order_line_id",
                table: "tickets",
                columns: new[] { "tenant_id", "order_line_id" });

            migrationBuilder.CreateIndex(
                name: "ux_tickets_valid_seat",
                table: "tickets",
                columns: new[] { "tenant_id", "occurrence_id", "seat_id" },
                unique: true,
                filter: "seat_id IS NOT NULL AND state = 'valid'");

            migrationBuilder.Sql(Platform.Tickets.Ledger.LedgerGuardSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Platform.Tickets.Ledger.LedgerGuardSql.Down);

            migrationBuilder.DropTable(
                name: "event_ticket_settings");

            migrationBuilder.DropTable(
                name: "ticket_ledger_entries");

            migrationBuilder.DropTable(
                name: "ticket_ledger_heads");

            migrationBuilder.DropTable(
                name: "ticket_signing_keys");

            migrationBuilder.DropTable(
                name: "tickets");
        }
    }
}
