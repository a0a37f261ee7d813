using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "check_in_devices",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    event_ids = table.Column<Guid[]>(type: "uuid[]", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_in_devices", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_check_in_devices_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "check_in_offline_scans",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    device_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    nonce = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    batch_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    clock_skewed = table.Column<bool>(type: "boolean", nullable: false),
                    first_scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_gate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_in_offline_scans", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "check_in_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    allow_re_entry = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_in_settings", x => new { x.tenant_id, x.event_id });
                    table.ForeignKey(
                        name: "fk_check_in_settings_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "check_ins",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    direction = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    device_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_ins", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_check_ins_direction", "direction IN ('in', 'out')");
                    table.ForeignKey(
                        name: "fk_check_ins_tickets_tenant_id_ticket_id",
                        columns: x => new { x.tenant_id, x.ticket_id },
                        principalTable: "tickets",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_admissions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_gate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    inside = table.Column<bool>(type: "boolean", nullable: false),
                    entries = table.Column<int>(type: "integer", nullable: false),
                    last_scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_gate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_admissions", x => new { x.tenant_id, x.ticket_id });
                    table.ForeignKey(
                        name: "fk_ticket_admissions_tickets_tenant_id_ticket_id",
                        columns: x => new { x.tenant_id, x.ticket_id },
                        principalTable: "tickets",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_check_in_devices_tenant_id_token_hash",
                table: "check_in_devices",
                columns: new[] { "tenant_id", "token_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_check_in_offline_scans_tenant_id_device_key_nonce",
                table: "check_in_offline_scans",
                columns: new[] { "tenant_id", "device_key", "nonce" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_check_ins_tenant_id_event_id_id",
                table: "check_ins",
                columns: new[] { "tenant_id", "event_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_check_ins_tenant_id_ticket_id",
                table: "check_ins",
                columns: new[] { "tenant_id", "ticket_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_admissions_tenant_id_event_id_ticket_type_id",
                table: "ticket_admissions",
                columns: new[] { "tenant_id", "event_id", "ticket_type_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_in_devices");

            migrationBuilder.DropTable(
                name: "check_in_offline_scans");

            migrationBuilder.DropTable(
                name: "check_in_settings");

            migrationBuilder.DropTable(
                name: "check_ins");

            migrationBuilder.DropTable(
                name: "ticket_admissions");
        }
    }
}
