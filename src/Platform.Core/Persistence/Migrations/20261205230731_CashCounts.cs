using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CashCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cash_counts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    seller_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    expected_cash = table.Column<long>(type: "bigint", nullable: false),
                    counted_cash = table.Column<long>(type: "bigint", nullable: false),
                    difference = table.Column<long>(type: "bigint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    counted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    counted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cash_counts", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_cash_counts_amounts", "counted_cash >= 0 AND revision >= 1");
                    table.ForeignKey(
                        name: "fk_cash_counts_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cash_counts_tenant_id_seller_id_day_currency_revision",
                table: "cash_counts",
                columns: new[] { "tenant_id", "seller_id", "day", "currency", "revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cash_counts");
        }
    }
}
