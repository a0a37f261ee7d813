namespace Platform.Persistence;

/// <summary>
/// The RLS convention: every table with a tenant_id column gets ENABLE + FORCE ROW LEVEL SECURITY and one policy
/// that admits only rows of the tenant set for the current transaction. Applied by the migrate command after the
/// EF migrations, so a new capability's tables are covered without anyone remembering to (docs/adr/0002).
/// </summary>
internal static class RowLevelSecurity
{
    public const string PolicyName = "tenant_isolation";

    /// <summary>The tenant of the current transaction, or NULL (which matches nothing) when none is set.</summary>
    public const string CurrentTenantExpression =
        $"NULLIF(current_setting('{TenantSessionInterceptor.SettingName}', true), '')::uuid";

    public const string TenantTablesQuery = """
        SELECT c.table_name
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name
        """;

    public static string PolicySql(string table) => $"""
        ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
        ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS {PolicyName} ON "{table}";
        CREATE POLICY {PolicyName} ON "{table}"
            USING (tenant_id = {CurrentTenantExpression})
            WITH CHECK (tenant_id = {CurrentTenantExpression});
        """;

    /// <summary>Data access for the application role and nothing more: no ownership, no DDL, no migration history.</summary>
    public static string GrantSql(string appRole, string hangfireSchema) => $"""
        GRANT USAGE ON SCHEMA public TO "{appRole}";
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{appRole}";
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{appRole}";
        REVOKE ALL ON TABLE "__ef_migrations_history" FROM "{appRole}";
        GRANT USAGE ON SCHEMA "{hangfireSchema}" TO "{appRole}";
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{hangfireSchema}" TO "{appRole}";
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "{hangfireSchema}" TO "{appRole}";
        """;
}
