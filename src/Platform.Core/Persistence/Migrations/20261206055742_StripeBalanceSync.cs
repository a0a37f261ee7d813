using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StripeBalanceSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stripe_balance_syncs",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    last_created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_balance_syncs", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_stripe_balance_syncs_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stripe_balance_transactions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    account = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    fee = table.Column<long>(type: "bigint", nullable: false),
                    stripe_fee = table.Column<long>(type: "bigint", nullable: false),
                    application_fee = table.Column<long>(type: "bigint", nullable: false),
                    net = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_on = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    payment_intent_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    source_amount = table.Column<long>(type: "bigint", nullable: true),
                    source_currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payout_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_balance_transactions", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_stripe_balance_transactions_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stripe_balance_transactions_tenant_id_created",
                table: "stripe_balance_transactions",
                columns: new[] { "tenant_id", "created" });

            migrationBuilder.CreateIndex(
                name: "ix_stripe_balance_transactions_tenant_id_payment_intent_id",
                table: "stripe_balance_transactions",
                columns: new[] { "tenant_id", "payment_intent_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stripe_balance_transactions_tenant_id_source_id",
                table: "stripe_balance_transactions",
                columns: new[] { "tenant_id", "source_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stripe_balance_syncs");

            migrationBuilder.DropTable(
                name: "stripe_balance_transactions");
        }
    }
}
