using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OnSaleProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_waiting_rooms_state",
                table: "waiting_rooms");

            migrationBuilder.AddColumn<int>(
                name: "auto_on_per_second",
                table: "waiting_rooms",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "risk_blocks",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    value = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_blocks", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_risk_blocks_kind", "kind IN ('email', 'domain', 'ip')");
                    table.ForeignKey(
                        name: "fk_risk_blocks_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_waiting_rooms_auto_on",
                table: "waiting_rooms",
                sql: "auto_on_per_second IS NULL OR auto_on_per_second BETWEEN 1 AND 100000");

            migrationBuilder.AddCheckConstraint(
                name: "ck_waiting_rooms_state",
                table: "waiting_rooms",
                sql: "state IN ('open', 'paused', 'closed', 'armed')");

            migrationBuilder.CreateIndex(
                name: "ix_risk_blocks_tenant_id_kind_value",
                table: "risk_blocks",
                columns: new[] { "tenant_id", "kind", "value" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "risk_blocks");

            migrationBuilder.DropCheckConstraint(
                name: "ck_waiting_rooms_auto_on",
                table: "waiting_rooms");

            migrationBuilder.DropCheckConstraint(
                name: "ck_waiting_rooms_state",
                table: "waiting_rooms");

            migrationBuilder.DropColumn(
                name: "auto_on_per_second",
                table: "waiting_rooms");

            migrationBuilder.AddCheckConstraint(
                name: "ck_waiting_rooms_state",
                table: "waiting_rooms",
                sql: "state IN ('open', 'paused', 'closed')");
        }
    }
}
