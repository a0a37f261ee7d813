using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CheckoutHotPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "quota_settled",
                table: "holds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Holds converted before this migration had their quota units moved to sold at payment time. RLS is forced
            // on the owner too, so mark them tenant by tenant.
            migrationBuilder.Sql("""
                DO $$
                DECLARE t uuid;
                BEGIN
                    FOR t IN SELECT id FROM tenants LOOP
                        PERFORM set_config('app.tenant_id', t::text, true);
                        UPDATE holds SET quota_settled = true WHERE state = 'converted';
                    END LOOP;
                END $$;
                """);
            migrationBuilder.Sql(Platform.Holds.CheckoutRequire.Up);

            migrationBuilder.CreateIndex(
                name: "ix_holds_unsettled",
                table: "holds",
                columns: new[] { "tenant_id", "id" },
                filter: "state = 'converted' AND NOT quota_settled");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Platform.Holds.CheckoutRequire.Down);
            migrationBuilder.DropIndex(
                name: "ix_holds_unsettled",
                table: "holds");

            migrationBuilder.DropColumn(
                name: "quota_settled",
                table: "holds");
        }
    }
}
