using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Persistence;

/// <summary>
/// Tells PostgreSQL's Row-Level Security which tenant a transaction belongs to, with a setting that never outlives
/// that transaction, so a pooled connection cannot carry one tenant's identity into another's request:
/// <list type="bullet">
/// <item>a command outside a transaction is prefixed with <c>SELECT set_config('app.tenant_id', …, true)</c>, which
/// holds for the implicit transaction PostgreSQL gives that one batch (the statements of one command travel together
/// and commit at its end). Not <c>SET LOCAL</c>: outside a transaction block PostgreSQL warns about it on every
/// statement (to the client and the server log). The setting's one-row result is skipped before EF reads (and a
/// scalar command is run as a reader for the same reason); Npgsql does not count a SELECT's rows as affected, so
/// non-queries keep their count. No extra round trip, no warning (issue #20 item 2);</item>
/// <item>a transaction (SaveChanges always opens one) gets the same statement in front of its FIRST command, so
/// BEGIN, the setting and that command travel in one round trip (a separate statement cost a round trip per
/// transaction, two per checkout). A SaveChanges batch cannot take a prefix (it would shift the per-statement row
/// counts EF checks), so there the setting runs as its own statement first. Raw SQL inside a transaction asks the
/// context for the pending setting (<see cref="PlatformDbContext.TakeTenantSetting"/>).</item>
/// </list>
/// Without a tenant nothing is set and RLS shows zero tenant rows.
/// </summary>
internal sealed partial class TenantSessionInterceptor : DbCommandInterceptor, IDbTransactionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Scope(command, eventData);
        CarryRider(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        await ScopeAsync(command, eventData, cancellationToken);
        CarryRider(command, eventData);
        return result;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (CarriesSetting(command))
        {
            result.NextResult();
            if (eventData.Context is PlatformDbContext db && db.TakeRiding(command) is { } rider)
            {
                rider.Answered(result.Read());
                result.NextResult();
            }
        }

        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (CarriesSetting(command))
        {
            await result.NextResultAsync(cancellationToken);
            if (eventData.Context is PlatformDbContext db && db.TakeRiding(command) is { } rider)
            {
                rider.Answered(await result.ReadAsync(cancellationToken));
                await result.NextResultAsync(cancellationToken);
            }
        }

        return result;
    }

    /// <summary>
    /// Puts the statement queued for the next read (<see cref="PlatformDbContext.SendWithNextRead"/>) right after the
    /// tenant setting of a query outside a transaction: same round trip, same implicit transaction (it commits when the
    /// batch ends, before the request does anything with what it read). Its result comes before the query's and is
    /// read off in <see cref="ReaderExecutedAsync"/>.
    /// </summary>
    private static void CarryRider(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource == CommandSource.SaveChanges || !CarriesSetting(command) || eventData.Context is not PlatformDbContext db
            || db.TakeWithNextRead() is not { } rider)
        {
            return;
        }

        var text = command.CommandText;
        var settingEnd = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        command.CommandText = string.Concat(text.AsSpan(0, settingEnd), Merge(command, rider.Sql, rider.Parameters), ";\n", text.AsSpan(settingEnd));
        db.Riding(command, rider);
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
        if (!CarriesSetting(command))
        {
            return result;
        }

        // ExecuteScalar would answer the setting's value: read the command's own first value instead.
        using var reader = command.ExecuteReader();
        reader.NextResult();
        return InterceptionResult<object>.SuppressWithResult(reader.Read() ? reader.GetValue(0) : null!);
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        await ScopeAsync(command, eventData, cancellationToken);
        if (!CarriesSetting(command))
        {
            return result;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return InterceptionResult<object>.SuppressWithResult(await reader.ReadAsync(cancellationToken) ? reader.GetValue(0) : null!);
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

    /// <summary>How a command outside a transaction starts when it carries its tenant setting.</summary>
    private const string SettingPrefix = "SELECT set_config('" + SettingName + "', '";

    /// <summary>The setting a command outside a transaction carries: one row, no warning, no effect past its implicit transaction.</summary>
    public static string SetTenantQuery(Guid tenantId) =>
        string.Create(CultureInfo.InvariantCulture, $"{SettingPrefix}{tenantId:D}', true);\n");

    /// <summary>Whether this command's first result is the tenant setting's (EF's own SQL never starts so).</summary>
    private static bool CarriesSetting(DbCommand command) =>
        command.Transaction is null && command.CommandText.StartsWith(SettingPrefix, StringComparison.Ordinal);

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
            ? db.CurrentTenantId is { } tenantId ? SetTenantQuery(tenantId) : null
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

    /// <summary>
    /// Appends what the context queued for its next save (<see cref="PlatformDbContext.SendWithNextSave"/>) to a
    /// SaveChanges command: after EF's statements, so the row counts EF checks stay at the indexes it reads.
    /// </summary>
    private static void AppendQueued(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource != CommandSource.SaveChanges || eventData.Context is not PlatformDbContext db
            || db.TakeWithNextSave() is not { } queued)
        {
            return;
        }

        var text = new System.Text.StringBuilder(command.CommandText.TrimEnd().TrimEnd(';')).Append(";\n");
        foreach (var (sql, parameters) in queued)
        {
            text.Append(Merge(command, sql, parameters)).Append(";\n");
        }

        command.CommandText = text.ToString();
    }

    /// <summary>
    /// Adds a raw statement's parameters to <paramref name="command"/> and returns the statement's text to put in it.
    /// EF sends positional ($1) or named (@p0) parameters; ours are named, so they are renumbered when EF's are positional.
    /// </summary>
    private static string Merge(DbCommand command, string sql, Npgsql.NpgsqlParameter[] parameters)
    {
        var positional = command.Parameters.Count > 0 && command.Parameters.Cast<DbParameter>().All(p => string.IsNullOrEmpty(p.ParameterName));
        if (!positional)
        {
            command.Parameters.AddRange(parameters);
            return sql;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var copy = parameter.Clone();
            copy.ParameterName = "";
            command.Parameters.Add(copy);
            names[parameter.ParameterName.TrimStart('@')] = command.Parameters.Count;
        }

        return ParameterReference().Replace(sql, m => names.TryGetValue(m.Groups[1].Value, out var n)
            ? "$" + n.ToString(CultureInfo.InvariantCulture) : m.Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex("@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial System.Text.RegularExpressions.Regex ParameterReference();

    private static void Scope(DbCommand command, CommandEventData eventData)
    {
        AppendQueued(command, eventData);
        using var separate = Prepare(command, eventData);
        separate?.ExecuteNonQuery();
    }

    private static async ValueTask ScopeAsync(DbCommand command, CommandEventData eventData, CancellationToken ct)
    {
        AppendQueued(command, eventData);
        await using var separate = Prepare(command, eventData);
        if (separate is not null)
        {
            await separate.ExecuteNonQueryAsync(ct);
        }
    }
}
