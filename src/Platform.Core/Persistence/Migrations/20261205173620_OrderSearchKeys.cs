using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OrderSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "buyer_name_keys",
                table: "orders",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "buyer_phone_key",
                table: "orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_buyer_name_keys",
                table: "orders",
                column: "buyer_name_keys")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_buyer_phone_key",
                table: "orders",
                columns: new[] { "tenant_id", "buyer_phone_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_buyer_name_keys",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_tenant_id_buyer_phone_key",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "buyer_name_keys",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "buyer_phone_key",
                table: "orders");
        }
    }
}
