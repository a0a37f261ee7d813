using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Persistence;

/// <summary>
/// Tells PostgreSQL's Row-Level Security which tenant a transaction belongs to, with a setting that never outlives
/// that transaction, so a pooled connection cannot carry one tenant's identity into another's request:
/// <list type="bullet">
/// <item>every transaction (SaveChanges always opens one) starts with <c>set_config('app.tenant_id', id, true)</c>;</item>
/// <item>a command outside a transaction is prefixed with <c>SET LOCAL</c>, which holds for the implicit transaction
/// Npgsql gives that one batch. (Modification batches always run in a transaction, because the prefix would shift
/// the per-statement row counts EF checks.)</item>
/// </list>
/// Without a tenant nothing is set and RLS shows zero tenant rows.
/// </summary>
internal sealed class TenantSessionInterceptor : DbCommandInterceptor, IDbTransactionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (TenantOf(eventData) is { } tenantId)
        {
            using var command = SetTenantCommand(connection, result, tenantId);
            command.ExecuteNonQuery();
        }

        return result;
    }

    public async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (TenantOf(eventData) is { } tenantId)
        {
            await using var command = SetTenantCommand(connection, result, tenantId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        if (TenantOf(eventData) is { } tenantId)
        {
            using var command = SetTenantCommand(connection, result, tenantId);
            command.ExecuteNonQuery();
        }

        return result;
    }

    public async ValueTask<DbTransaction> TransactionUsedAsync(
        DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (TenantOf(eventData) is { } tenantId)
        {
            await using var command = SetTenantCommand(connection, result, tenantId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The statement that scopes one transaction to a tenant; a Guid formats to a safe literal.</summary>
    public static string SetTenantStatement(Guid tenantId) =>
        string.Create(CultureInfo.InvariantCulture, $"SET LOCAL {SettingName} = '{tenantId:D}';\n");

    private static Guid? TenantOf(DbContextEventData eventData) =>
        eventData.Context is PlatformDbContext { CurrentTenantId: { } tenantId } ? tenantId : null;

    private static DbCommand SetTenantCommand(DbConnection connection, DbTransaction transaction, Guid tenantId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SetTenantStatement(tenantId);
        return command;
    }

    private static void Prefix(DbCommand command, CommandEventData eventData)
    {
        if (command.Transaction is null && TenantOf(eventData) is { } tenantId)
        {
            command.CommandText = SetTenantStatement(tenantId) + command.CommandText;
        }
    }
}
