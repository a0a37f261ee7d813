using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EncryptedWebhookSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Renamed, not dropped: secrets written before this migration stay usable (read as plaintext once, then
            // encrypted by the next delivery; see WebhookSecretVault) instead of breaking every existing endpoint.
            migrationBuilder.RenameColumn(name: "secret", table: "webhook_endpoints", newName: "protected_secret");
            migrationBuilder.RenameColumn(name: "previous_secret", table: "webhook_endpoints", newName: "previous_protected_secret");
            migrationBuilder.AlterColumn<string>(name: "protected_secret", table: "webhook_endpoints", type: "character varying(500)",
                maxLength: 500, nullable: false, oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100);
            migrationBuilder.AlterColumn<string>(name: "previous_protected_secret", table: "webhook_endpoints", type: "character varying(500)",
                maxLength: 500, nullable: true, oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100, oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Encrypted values do not fit the old columns and cannot be decrypted in SQL: going back loses them.
            migrationBuilder.DropColumn(name: "previous_protected_secret", table: "webhook_endpoints");
            migrationBuilder.DropColumn(name: "protected_secret", table: "webhook_endpoints");
            migrationBuilder.AddColumn<string>(name: "previous_secret", table: "webhook_endpoints", type: "character varying(100)",
                maxLength: 100, nullable: true);
            migrationBuilder.AddColumn<string>(name: "secret", table: "webhook_endpoints", type: "character varying(100)",
                maxLength: 100, nullable: false, defaultValue: "");
        }
    }
}
