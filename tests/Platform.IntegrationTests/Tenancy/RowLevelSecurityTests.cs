using Npgsql;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

[Collection(PlatformCollection.Name)]
public sealed class RowLevelSecurityTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Catalogue_EveryTenantTable_HasRowLevelSecurityEnabledForcedAndPolicy()
    {
        await using var connection = new NpgsqlConnection(fixture.OwnerConnectionString);
        await connection.OpenAsync();

        Assert.Contains("audit_entries", await IsolationChecks.TenantTablesAsync(connection));
        Assert.Empty(await IsolationChecks.TenantTablesNotProtectedAsync(connection));
    }

    [Fact]
    public async Task Catalogue_AppRole_IsNotOwnerSuperuserOrBypassRls()
    {
        await using var connection = new NpgsqlConnection(fixture.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relowner = r.oid AND n.nspname IN ('public', 'hangfire')),
                   (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid),
                   (SELECT count(*) FROM pg_database d WHERE d.datdba = r.oid)
            FROM pg_roles r WHERE r.rolname = 'platform_app'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.False(reader.GetBoolean(0), "superuser");
        Assert.False(reader.GetBoolean(1), "BYPASSRLS");
        Assert.False(reader.GetBoolean(2), "CREATEROLE");
        Assert.False(reader.GetBoolean(3), "CREATEDB");
        Assert.Equal(0, reader.GetInt64(4));
        Assert.Equal(0, reader.GetInt64(5));
        Assert.Equal(0, reader.GetInt64(6));
    }

    [Fact]
    public async Task RawSql_AppRoleWithoutTenantSetting_SeesNoTenantRows()
    {
        var tenant = await fixture.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(fixture.Cluster.Connection(PlatformFixture.Database, "platform_app"));
        await connection.OpenAsync();

        foreach (var table in await IsolationChecks.TenantTablesAsync(connection))
        {
            Assert.Equal(0, await IsolationChecks.RowsVisibleWithoutTenantAsync(connection, table));
        }

        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant.Id}', true)", connection, tx))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var own = new NpgsqlCommand("SELECT count(*), count(*) FILTER (WHERE tenant_id <> @t) FROM audit_entries", connection, tx);
        own.Parameters.AddWithValue("t", tenant.Id);
        await using var reader = await own.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.True(reader.GetInt64(0) >= 1, "the tenant sees its own rows once its id is set");
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task RawSql_AppRoleInsertingForAnotherTenant_IsRejectedByPolicy()
    {
        var a = await fixture.CreateTenantAsync();
        var b = await fixture.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(fixture.Cluster.Connection(PlatformFixture.Database, "platform_app"));
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT set_config('app.tenant_id', '{a.Id}', true);
            INSERT INTO audit_entries (tenant_id, id, occurred_at, actor, action, entity_type, entity_id)
            VALUES (@b, gen_random_uuid(), now(), 'x', 'x', 'x', 'x');
            """, connection, tx);
        command.Parameters.AddWithValue("b", b.Id);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    /// <summary>
    /// Shows the checks above can fail: with the policy dropped (and a permissive one in its place) inside a
    /// transaction that is rolled back, the catalogue check names the table and the app role sees other tenants' rows.
    /// </summary>
    [Fact]
    public async Task DroppingPolicy_MakesIsolationChecksFail()
    {
        await fixture.CreateTenantAsync();
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var drop = new NpgsqlCommand(
            "DROP POLICY tenant_isolation ON audit_entries; CREATE POLICY leak ON audit_entries USING (true);", connection, tx))
        {
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Contains("audit_entries", await IsolationChecks.TenantTablesNotProtectedAsync(connection, tx));
        await using (var asApp = new NpgsqlCommand("SET LOCAL ROLE platform_app", connection, tx))
        {
            await asApp.ExecuteNonQueryAsync();
        }

        Assert.NotEqual(0, await IsolationChecks.RowsVisibleWithoutTenantAsync(connection, "audit_entries", tx));
        await tx.RollbackAsync();

        await using var check = new NpgsqlConnection(fixture.OwnerConnectionString);
        await check.OpenAsync();
        Assert.Empty(await IsolationChecks.TenantTablesNotProtectedAsync(check));
    }
}
