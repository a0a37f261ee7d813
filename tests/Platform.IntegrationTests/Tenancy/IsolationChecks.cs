using Npgsql;

namespace Platform.IntegrationTests.Tenancy;

/// <summary>
/// Database-level isolation checks, written once so the same check that guards the real schema can be shown to fail
/// when a policy is removed.
/// </summary>
internal static class IsolationChecks
{
    /// <summary>Tables with a tenant_id column that lack ENABLE + FORCE ROW LEVEL SECURITY or the tenant policy.</summary>
    public static async Task<List<string>> TenantTablesNotProtectedAsync(NpgsqlConnection connection, NpgsqlTransaction? tx = null)
    {
        const string sql = """
            SELECT c.relname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
              AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
                   OR NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                                  AND p.policyname = 'tenant_isolation'
                                  AND p.qual LIKE '%app.tenant_id%' AND p.with_check LIKE '%app.tenant_id%'))
            ORDER BY 1
            """;
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public static async Task<List<string>> TenantTablesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>Rows of <paramref name="table"/> visible to the current role with no tenant set (must be zero).</summary>
    public static async Task<long> RowsVisibleWithoutTenantAsync(NpgsqlConnection connection, string table, NpgsqlTransaction? tx = null)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection, tx);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
