using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AntiScalping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_risks",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    score = table.Column<float>(type: "real", nullable: false),
                    decision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reasons = table.Column<string[]>(type: "text[]", nullable: false),
                    features = table.Column<string>(type: "jsonb", nullable: false),
                    review = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_risks", x => new { x.tenant_id, x.order_id });
                    table.CheckConstraint("ck_order_risks_decision", "decision IN ('allow', 'flag', 'review')");
                    table.CheckConstraint("ck_order_risks_review", "review IN ('none', 'pending', 'approved', 'rejected')");
                    table.CheckConstraint("ck_order_risks_score", "score >= 0 AND score <= 1");
                    table.ForeignKey(
                        name: "fk_order_risks_orders_tenant_id_order_id",
                        columns: x => new { x.tenant_id, x.order_id },
                        principalTable: "orders",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    threshold = table.Column<float>(type: "real", nullable: false),
                    block_disposable_email = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_settings", x => x.tenant_id);
                    table.CheckConstraint("ck_risk_settings_action", "action IN ('off', 'flag', 'review', 'block')");
                    table.CheckConstraint("ck_risk_settings_threshold", "threshold >= 0 AND threshold <= 1");
                    table.ForeignKey(
                        name: "fk_risk_settings_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_order_risks_queue",
                table: "order_risks",
                columns: new[] { "tenant_id", "order_id" },
                filter: "decision <> 'allow'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_risks");

            migrationBuilder.DropTable(
                name: "risk_settings");
        }
    }
}
