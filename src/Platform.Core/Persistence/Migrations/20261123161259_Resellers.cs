using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Resellers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "allocation_id",
                table: "hold_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reseller_sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    allocation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    commission_bps = table.Column<int>(type: "integer", nullable: false),
                    commission = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reseller_sales", x => new { x.tenant_id, x.order_line_id });
                    table.ForeignKey(
                        name: "fk_reseller_sales_order_lines_tenant_id_order_line_id",
                        columns: x => new { x.tenant_id, x.order_line_id },
                        principalTable: "order_lines",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reseller_sales_orders_tenant_id_order_id",
                        columns: x => new { x.tenant_id, x.order_id },
                        principalTable: "orders",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resellers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resellers", x => new { x.tenant_id, x.client_id });
                });

            migrationBuilder.CreateTable(
                name: "reseller_allocations",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    held = table.Column<int>(type: "integer", nullable: false),
                    sold = table.Column<int>(type: "integer", nullable: false),
                    commission_bps = table.Column<int>(type: "integer", nullable: true),
                    price_floor = table.Column<long>(type: "bigint", nullable: true),
                    price_ceiling = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reseller_allocations", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_reseller_allocations_commission", "commission_bps IS NULL OR commission_bps BETWEEN 0 AND 10000");
                    table.CheckConstraint("ck_reseller_allocations_counters", "held >= 0 AND sold >= 0 AND held + sold <= quantity");
                    table.CheckConstraint("ck_reseller_allocations_price", "(price_floor IS NULL OR price_floor >= 0) AND (price_ceiling IS NULL OR price_ceiling >= coalesce(price_floor, 0))");
                    table.ForeignKey(
                        name: "fk_reseller_allocations_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reseller_allocations_resellers_tenant_id_client_id",
                        columns: x => new { x.tenant_id, x.client_id },
                        principalTable: "resellers",
                        principalColumns: new[] { "tenant_id", "client_id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reseller_allocations_ticket_types_tenant_id_ticket_type_id",
                        columns: x => new { x.tenant_id, x.ticket_type_id },
                        principalTable: "ticket_types",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reseller_allocations_tenant_id_client_id_event_id_ticket_ty",
                table: "reseller_allocations",
                columns: new[] { "tenant_id", "client_id", "event_id", "ticket_type_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_reseller_allocations_tenant_id_event_id",
                table: "reseller_allocations",
                columns: new[] { "tenant_id", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reseller_allocations_tenant_id_ticket_type_id",
                table: "reseller_allocations",
                columns: new[] { "tenant_id", "ticket_type_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reseller_sales_tenant_id_allocation_id",
                table: "reseller_sales",
                columns: new[] { "tenant_id", "allocation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reseller_sales_tenant_id_order_id",
                table: "reseller_sales",
                columns: new[] { "tenant_id", "order_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reseller_allocations");

            migrationBuilder.DropTable(
                name: "reseller_sales");

            migrationBuilder.DropTable(
                name: "resellers");

            migrationBuilder.DropColumn(
                name: "allocation_id",
                table: "hold_items");
        }
    }
}
