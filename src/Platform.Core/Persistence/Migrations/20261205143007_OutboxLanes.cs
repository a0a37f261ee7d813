using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutboxLanes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Platform.Outbox.OutboxLaneSql.Up);
            migrationBuilder.Sql(Platform.Outbox.OutboxLaneSql.UpgradeFromDispatchedAt);

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_undispatched",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "dispatched_at",
                table: "outbox_messages");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failure_notified_at",
                table: "webhook_endpoints",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failure_notified_at",
                table: "webhook_endpoints");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "dispatched_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_undispatched",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "id" },
                filter: "dispatched_at IS NULL");

            migrationBuilder.Sql(Platform.Outbox.OutboxLaneSql.Down);
        }
    }
}
