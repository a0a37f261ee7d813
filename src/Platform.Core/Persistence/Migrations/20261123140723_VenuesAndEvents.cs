using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VenuesAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "venues",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_venues_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_events_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_events_venues_tenant_id_venue_id",
                        columns: x => new { x.tenant_id, x.venue_id },
                        principalTable: "venues",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "price_zones",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_zones", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_price_zones_venues_tenant_id_venue_id",
                        columns: x => new { x.tenant_id, x.venue_id },
                        principalTable: "venues",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "event_occurrences",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    doors_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_occurrences", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_event_occurrences_times", "starts_at < ends_at AND (doors_at IS NULL OR doors_at <= starts_at)");
                    table.ForeignKey(
                        name: "fk_event_occurrences_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sales_windows",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_windows", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_sales_windows_order", "opens_at < closes_at");
                    table.ForeignKey(
                        name: "fk_sales_windows_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "venue_sections",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    price_zone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outline = table.Column<double[]>(type: "double precision[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venue_sections", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_venue_sections_capacity", "capacity >= 0");
                    table.ForeignKey(
                        name: "fk_venue_sections_price_zones_tenant_id_price_zone_id",
                        columns: x => new { x.tenant_id, x.price_zone_id },
                        principalTable: "price_zones",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_venue_sections_venues_tenant_id_venue_id",
                        columns: x => new { x.tenant_id, x.venue_id },
                        principalTable: "venues",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quotas",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    section_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quotas", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_quotas_capacity", "capacity >= 0");
                    table.ForeignKey(
                        name: "fk_quotas_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_quotas_venue_sections_tenant_id_section_id",
                        columns: x => new { x.tenant_id, x.section_id },
                        principalTable: "venue_sections",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seats",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    section_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_label = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    seat_label = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    x = table.Column<double>(type: "double precision", nullable: false),
                    y = table.Column<double>(type: "double precision", nullable: false),
                    accessible = table.Column<bool>(type: "boolean", nullable: false),
                    restricted_view = table.Column<bool>(type: "boolean", nullable: false),
                    price_zone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ordinal = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seats", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_seats_price_zones_tenant_id_price_zone_id",
                        columns: x => new { x.tenant_id, x.price_zone_id },
                        principalTable: "price_zones",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seats_venue_sections_tenant_id_section_id",
                        columns: x => new { x.tenant_id, x.section_id },
                        principalTable: "venue_sections",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quota_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quota_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    held = table.Column<int>(type: "integer", nullable: false),
                    sold = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quota_counters", x => new { x.tenant_id, x.quota_id, x.occurrence_id });
                    table.CheckConstraint("ck_quota_counters_within_capacity", "held >= 0 AND sold >= 0 AND held + sold <= capacity");
                    table.ForeignKey(
                        name: "fk_quota_counters_event_occurrences_tenant_id_occurrence_id",
                        columns: x => new { x.tenant_id, x.occurrence_id },
                        principalTable: "event_occurrences",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_quota_counters_quotas_tenant_id_quota_id",
                        columns: x => new { x.tenant_id, x.quota_id },
                        principalTable: "quotas",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_types",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    price_zone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quota_id = table.Column<Guid>(type: "uuid", nullable: true),
                    price_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    min_per_order = table.Column<int>(type: "integer", nullable: false),
                    max_per_order = table.Column<int>(type: "integer", nullable: false),
                    channels = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_types", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_ticket_types_per_order", "min_per_order >= 1 AND max_per_order >= min_per_order");
                    table.CheckConstraint("ck_ticket_types_price", "price_minor >= 0");
                    table.ForeignKey(
                        name: "fk_ticket_types_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_ticket_types_price_zones_tenant_id_price_zone_id",
                        columns: x => new { x.tenant_id, x.price_zone_id },
                        principalTable: "price_zones",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ticket_types_quotas_tenant_id_quota_id",
                        columns: x => new { x.tenant_id, x.quota_id },
                        principalTable: "quotas",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "event_seats",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seat_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    section_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price_zone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_event_seats", x => new { x.tenant_id, x.occurrence_id, x.seat_id });
                    table.CheckConstraint("ck_event_seats_state", "state IN ('available', 'held', 'sold', 'blocked')");
                    table.ForeignKey(
                        name: "fk_event_seats_event_occurrences_tenant_id_occurrence_id",
                        columns: x => new { x.tenant_id, x.occurrence_id },
                        principalTable: "event_occurrences",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_event_seats_seats_tenant_id_seat_id",
                        columns: x => new { x.tenant_id, x.seat_id },
                        principalTable: "seats",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_event_occurrences_tenant_id_event_id_starts_at",
                table: "event_occurrences",
                columns: new[] { "tenant_id", "event_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_event_seats_tenant_id_occurrence_id_section_id",
                table: "event_seats",
                columns: new[] { "tenant_id", "occurrence_id", "section_id" });

            migrationBuilder.CreateIndex(
                name: "ix_event_seats_tenant_id_seat_id",
                table: "event_seats",
                columns: new[] { "tenant_id", "seat_id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_tenant_id_status",
                table: "events",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_events_tenant_id_venue_id",
                table: "events",
                columns: new[] { "tenant_id", "venue_id" });

            migrationBuilder.CreateIndex(
                name: "ix_price_zones_tenant_id_venue_id_code",
                table: "price_zones",
                columns: new[] { "tenant_id", "venue_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quota_counters_tenant_id_occurrence_id",
                table: "quota_counters",
                columns: new[] { "tenant_id", "occurrence_id" });

            migrationBuilder.CreateIndex(
                name: "ix_quotas_tenant_id_event_id",
                table: "quotas",
                columns: new[] { "tenant_id", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_quotas_tenant_id_section_id",
                table: "quotas",
                columns: new[] { "tenant_id", "section_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_windows_tenant_id_event_id_channel",
                table: "sales_windows",
                columns: new[] { "tenant_id", "event_id", "channel" });

            migrationBuilder.CreateIndex(
                name: "ix_seats_tenant_id_price_zone_id",
                table: "seats",
                columns: new[] { "tenant_id", "price_zone_id" });

            migrationBuilder.CreateIndex(
                name: "ix_seats_tenant_id_section_id_row_label_seat_label",
                table: "seats",
                columns: new[] { "tenant_id", "section_id", "row_label", "seat_label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_seats_tenant_id_venue_id",
                table: "seats",
                columns: new[] { "tenant_id", "venue_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_types_tenant_id_event_id",
                table: "ticket_types",
                columns: new[] { "tenant_id", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_types_tenant_id_price_zone_id",
                table: "ticket_types",
                columns: new[] { "tenant_id", "price_zone_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_types_tenant_id_quota_id",
                table: "ticket_types",
                columns: new[] { "tenant_id", "quota_id" });

            migrationBuilder.CreateIndex(
                name: "ix_venue_sections_tenant_id_price_zone_id",
                table: "venue_sections",
                columns: new[] { "tenant_id", "price_zone_id" });

            migrationBuilder.CreateIndex(
                name: "ix_venue_sections_tenant_id_venue_id_code",
                table: "venue_sections",
                columns: new[] { "tenant_id", "venue_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_tenant_id_name",
                table: "venues",
                columns: new[] { "tenant_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_seats");

            migrationBuilder.DropTable(
                name: "quota_counters");

            migrationBuilder.DropTable(
                name: "sales_windows");

            migrationBuilder.DropTable(
                name: "ticket_types");

            migrationBuilder.DropTable(
                name: "seats");

            migrationBuilder.DropTable(
                name: "event_occurrences");

            migrationBuilder.DropTable(
                name: "quotas");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "venue_sections");

            migrationBuilder.DropTable(
                name: "price_zones");

            migrationBuilder.DropTable(
                name: "venues");
        }
    }
}
