using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Outbox;

#nullable disable

namespace Platform.Persistence.Migrations
{
    /// <summary>The outbox sweep's one-round-trip question (ADR 0071, <c>OutboxSweepSql</c>). No table changes.</summary>
    [DbContext(typeof(PlatformDbContext))]
    [Migration("20261206220000_OutboxSweep")]
    public partial class OutboxSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(OutboxSweepSql.FunctionUp);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(OutboxSweepSql.FunctionDown);
    }
}
