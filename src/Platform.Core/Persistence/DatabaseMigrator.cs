using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BackgroundJobs;
using Platform.Tenancy;

namespace Platform.Persistence;

/// <summary>
/// The explicit migrate step, run as the schema owner: EF migrations, the Hangfire schema, the RLS convention and
/// the application role's grants. Idempotent; never part of application start-up.
/// </summary>
internal sealed class DatabaseMigrator(
    IOptions<DatabaseOptions> database, IOptions<BackgroundJobOptions> jobs, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        var ownerConnection = database.Value.OwnerConnectionString
            ?? throw new InvalidOperationException("Database:OwnerConnectionString is required to migrate.");

        var options = PersistenceExtensions.Configure(new DbContextOptionsBuilder<PlatformDbContext>(), ownerConnection);
        await using (var db = new PlatformDbContext((DbContextOptions<PlatformDbContext>)options.Options, new TenantContext()))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            logger.LogInformation("Applied {Count} migration(s)", pending.Count);
        }

        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, jobs.Value.Schema);

        var tables = new List<string>();
        await using (var query = new NpgsqlCommand(RowLevelSecurity.TenantTablesQuery, connection))
        await using (var reader = await query.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var table in tables)
        {
            await using var policy = new NpgsqlCommand(RowLevelSecurity.PolicySql(table), connection, transaction);
            await policy.ExecuteNonQueryAsync(ct);
        }

        // The one extra policy beside tenant_isolation: users read their own memberships at sign-in (docs/adr/0003).
        await using (var membershipPolicy = new NpgsqlCommand(Identity.Memberships.MembershipRowLevelSecurity.PolicySql, connection, transaction))
        {
            await membershipPolicy.ExecuteNonQueryAsync(ct);
        }

        await using (var grants = new NpgsqlCommand(RowLevelSecurity.GrantSql(database.Value.AppRole, jobs.Value.Schema), connection, transaction))
        {
            await grants.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Row-level security enforced on {Count} tenant table(s); grants given to {Role}", tables.Count, database.Value.AppRole);
    }
}
