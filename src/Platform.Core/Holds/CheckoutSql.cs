using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence;

namespace Platform.Holds;

/// <summary>
/// Raw SQL on the context's own connection inside the transaction the context began (so the tenant RLS setting of
/// that transaction applies). Checkout's hot statements are conditional UPDATEs whose row count decides.
/// </summary>
internal sealed class CheckoutSql(PlatformDbContext db)
{
    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    private NpgsqlTransaction Transaction => (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
        ?? throw new InvalidOperationException("Checkout SQL must run inside a transaction begun through PlatformDbContext."));

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// Runs what was queued for a save that sent nothing (<see cref="PlatformDbContext.SendWithNextSave"/>): in one
    /// command (one round trip, a queued COMMIT last) when their parameter names are distinct, else one by one.
    /// </summary>
    public async Task SendQueuedAsync(CancellationToken ct)
    {
        if (db.TakeWithNextSave() is not { } queued)
        {
            return;
        }

        var parameters = queued.SelectMany(q => q.Parameters).ToArray();
        if (parameters.Select(p => p.ParameterName).Distinct(StringComparer.Ordinal).Count() == parameters.Length)
        {
            await ExecuteAsync(string.Join(";\n", queued.Select(q => q.Sql)), ct, parameters);
            return;
        }

        foreach (var (sql, statementParameters) in queued)
        {
            await ExecuteAsync(sql, ct, statementParameters);
        }
    }

    public static NpgsqlParameter P(string name, Guid value) => new(name, NpgsqlDbType.Uuid) { Value = value };

    public static NpgsqlParameter P(string name, Guid? value) => new(name, NpgsqlDbType.Uuid) { Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter P(string name, Guid[] value) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = value };

    public static NpgsqlParameter P(string name, int value) => new(name, NpgsqlDbType.Integer) { Value = value };

    public static NpgsqlParameter P(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };

    public static NpgsqlParameter P(string name, DateTimeOffset value) => new(name, NpgsqlDbType.TimestampTz) { Value = value.ToUniversalTime() };

    public static NpgsqlParameter P(string name, TimeSpan value) => new(name, NpgsqlDbType.Interval) { Value = value };

    private NpgsqlCommand Command(string sql, NpgsqlParameter[] parameters)
    {
        // The transaction's first statement carries its tenant setting (TenantSessionInterceptor).
        var transaction = Transaction;
        var command = new NpgsqlCommand(db.TakeTenantSetting(transaction) + sql, Connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
