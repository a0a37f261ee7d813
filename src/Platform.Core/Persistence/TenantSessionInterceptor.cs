using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Persistence;

/// <summary>
/// Tells PostgreSQL's Row-Level Security which tenant a transaction belongs to, with a setting that never outlives
/// that transaction, so a pooled connection cannot carry one tenant's identity into another's request:
/// <list type="bullet">
/// <item>a command outside a transaction is prefixed with <c>SET LOCAL</c>, which holds for the implicit transaction
/// Npgsql gives that one batch;</item>
/// <item>a transaction (SaveChanges always opens one) gets the same statement in front of its FIRST command, so
/// BEGIN, the setting and that command travel in one round trip (a separate statement cost a round trip per
/// transaction, two per checkout). A SaveChanges batch cannot take a prefix (it would shift the per-statement row
/// counts EF checks), so there the setting runs as its own statement first. Raw SQL inside a transaction asks the
/// context for the pending setting (<see cref="PlatformDbContext.TakeTenantSetting"/>).</item>
/// </list>
/// Without a tenant nothing is set and RLS shows zero tenant rows.
/// </summary>
internal sealed class TenantSessionInterceptor : DbCommandInterceptor, IDbTransactionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Scope(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        await ScopeAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Scope(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await ScopeAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Scope(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        await ScopeAsync(command, eventData, cancellationToken);
        return result;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Defer(eventData, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Defer(eventData, result);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        Defer(eventData, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionUsedAsync(
        DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Defer(eventData, result);
        return ValueTask.FromResult(result);
    }

    /// <summary>The statement that scopes one transaction to a tenant; a Guid formats to a safe literal.</summary>
    public static string SetTenantStatement(Guid tenantId) =>
        string.Create(CultureInfo.InvariantCulture, $"SET LOCAL {SettingName} = '{tenantId:D}';\n");

    private static void Defer(DbContextEventData eventData, DbTransaction transaction)
    {
        if (eventData.Context is PlatformDbContext { CurrentTenantId: not null } db)
        {
            db.DeferTenantSetting(transaction);
        }
    }

    /// <summary>The setting this command must carry, or a separate command to run first (SaveChanges batches).</summary>
    private static DbCommand? Prepare(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not PlatformDbContext db)
        {
            return null;
        }

        var setting = command.Transaction is null
            ? db.CurrentTenantId is { } tenantId ? SetTenantStatement(tenantId) : null
            : db.TakeTenantSetting(command.Transaction);
        if (setting is null)
        {
            return null;
        }

        if (command.Transaction is not null && eventData.CommandSource == CommandSource.SaveChanges)
        {
            var separate = command.Connection!.CreateCommand();
            separate.Transaction = command.Transaction;
            separate.CommandText = setting;
            return separate;
        }

        command.CommandText = setting + command.CommandText;
        return null;
    }

    private static void Scope(DbCommand command, CommandEventData eventData)
    {
        using var separate = Prepare(command, eventData);
        separate?.ExecuteNonQuery();
    }

    private static async ValueTask ScopeAsync(DbCommand command, CommandEventData eventData, CancellationToken ct)
    {
        await using var separate = Prepare(command, eventData);
        if (separate is not null)
        {
            await separate.ExecuteNonQueryAsync(ct);
        }
    }
}
