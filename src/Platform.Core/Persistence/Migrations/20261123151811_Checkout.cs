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
                name: "idempotency_keys",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    response_body = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.tenant_id, x.scope, x.key });
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

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hold_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurrence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    subtotal = table.Column<long>(type: "bigint", nullable: false),
                    discount = table.Column<long>(type: "bigint", nullable: false),
                    fees = table.Column<long>(type: "bigint", nullable: false),
                    tax = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    refunded_amount = table.Column<long>(type: "bigint", nullable: false),
                    quote_json = table.Column<string>(type: "jsonb", nullable: false),
                    promo_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    buyer_name_protected = table.Column<string>(type: "text", nullable: false),
                    buyer_email_protected = table.Column<string>(type: "text", nullable: false),
                    buyer_phone_protected = table.Column<string>(type: "text", nullable: true),
                    buyer_email_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payment_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_orders_refunded", "refunded_amount >= 0 AND refunded_amount <= total");
                    table.CheckConstraint("ck_orders_state", "state IN ('pending_payment', 'paid', 'partially_refunded', 'refunded', 'expired', 'cancelled')");
                    table.ForeignKey(
                        name: "fk_orders_events_tenant_id_event_id",
                        columns: x => new { x.tenant_id, x.event_id },
                        principalTable: "events",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_orders_holds_tenant_id_hold_id",
                        columns: x => new { x.tenant_id, x.hold_id },
                        principalTable: "holds",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price_zone_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    seat_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    unit_price = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    refunded_quantity = table.Column<int>(type: "integer", nullable: false),
                    refunded_amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_lines", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_order_lines_refunds", "refunded_quantity >= 0 AND refunded_quantity <= quantity");
                    table.ForeignKey(
                        name: "fk_order_lines_orders_tenant_id_order_id",
                        columns: x => new { x.tenant_id, x.order_id },
                        principalTable: "orders",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_order_lines_ticket_types_tenant_id_ticket_type_id",
                        columns: x => new { x.tenant_id, x.ticket_type_id },
                        principalTable: "ticket_types",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    provider = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    test_mode = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_payments_amount", "amount >= 0");
                    table.CheckConstraint("ck_payments_kind", "kind IN ('payment', 'refund')");
                    table.CheckConstraint("ck_payments_status", "status IN ('succeeded', 'failed')");
                    table.ForeignKey(
                        name: "fk_payments_orders_tenant_id_order_id",
                        columns: x => new { x.tenant_id, x.order_id },
                        principalTable: "orders",
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

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_tenant_id_order_id",
                table: "order_lines",
                columns: new[] { "tenant_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_tenant_id_ticket_type_id",
                table: "order_lines",
                columns: new[] { "tenant_id", "ticket_type_id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_buyer_email_hash",
                table: "orders",
                columns: new[] { "tenant_id", "buyer_email_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_event_id_state",
                table: "orders",
                columns: new[] { "tenant_id", "event_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_hold_id",
                table: "orders",
                columns: new[] { "tenant_id", "hold_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_payments_one_success_per_order",
                table: "payments",
                columns: new[] { "tenant_id", "order_id" },
                unique: true,
                filter: "kind = 'payment' AND status = 'succeeded'");
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
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "holds");
        }
    }
}
