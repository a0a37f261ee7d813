using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StripePayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stripe_accounts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    connected_account_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    secret_key_protected = table.Column<string>(type: "text", nullable: true),
                    secret_key_last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    webhook_secret_protected = table.Column<string>(type: "text", nullable: true),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_accounts", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_stripe_accounts_kind", "(kind = 'connect' AND connected_account_id IS NOT NULL) OR (kind = 'own_keys' AND secret_key_protected IS NOT NULL AND webhook_secret_protected IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "stripe_payment_intents",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    owner_tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connected_account_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    live_mode = table.Column<bool>(type: "boolean", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_payment_intents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stripe_webhook_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    owner_tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_webhook_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stripe_accounts_tenant_id",
                table: "stripe_accounts",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stripe_payment_intents_owner_tenant_id_order_id",
                table: "stripe_payment_intents",
                columns: new[] { "owner_tenant_id", "order_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stripe_accounts");

            migrationBuilder.DropTable(
                name: "stripe_payment_intents");

            migrationBuilder.DropTable(
                name: "stripe_webhook_events");
        }
    }
}
