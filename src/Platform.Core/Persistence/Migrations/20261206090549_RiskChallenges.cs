using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RiskChallenges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_order_risks_decision",
                table: "order_risks");

            migrationBuilder.AddColumn<float>(
                name: "challenge_threshold",
                table: "risk_settings",
                type: "real",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "challenge_passed_at",
                table: "order_risks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "risk_challenges",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<float>(type: "real", nullable: false),
                    features = table.Column<string>(type: "jsonb", nullable: false),
                    passed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_challenges", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_risk_challenges_attempts", "attempts >= 0 AND attempts <= 5");
                    table.CheckConstraint("ck_risk_challenges_score", "score >= 0 AND score <= 1");
                    table.ForeignKey(
                        name: "fk_risk_challenges_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_risk_settings_challenge",
                table: "risk_settings",
                sql: "challenge_threshold IS NULL OR (challenge_threshold >= 0 AND challenge_threshold < threshold)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_order_risks_decision",
                table: "order_risks",
                sql: "decision IN ('allow', 'flag', 'review', 'challenge')");

            migrationBuilder.CreateIndex(
                name: "ix_risk_challenges_tenant_id_email_hash_created_at",
                table: "risk_challenges",
                columns: new[] { "tenant_id", "email_hash", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "risk_challenges");

            migrationBuilder.DropCheckConstraint(
                name: "ck_risk_settings_challenge",
                table: "risk_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_order_risks_decision",
                table: "order_risks");

            migrationBuilder.DropColumn(
                name: "challenge_threshold",
                table: "risk_settings");

            migrationBuilder.DropColumn(
                name: "challenge_passed_at",
                table: "order_risks");

            migrationBuilder.AddCheckConstraint(
                name: "ck_order_risks_decision",
                table: "order_risks",
                sql: "decision IN ('allow', 'flag', 'review')");
        }
    }
}
