using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence;

/// <summary>
/// Raw statements sent to PostgreSQL in ONE round trip. Outside an explicit transaction the batch runs as one
/// implicit transaction, so it starts with <c>set_config('app.tenant_id', …, true)</c>: Row-Level Security is
/// scoped to the tenant for exactly that batch, and nothing outlives it on the pooled connection. Inside a
/// transaction of the given context the batch carries the setting only if it is the transaction's first statement
/// (<see cref="PlatformDbContext.TakeTenantSetting"/>). The checkout, settlement and check-in hot paths use this so a
/// contended row's lock never waits on a reply to the app.
/// </summary>
internal sealed class TenantBatch : IAsyncDisposable
{
    private readonly NpgsqlBatch batch;

    /// <summary>Whether the first result is the tenant setting's, which readers skip.</summary>
    private readonly bool scoped;

    public TenantBatch(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid tenantId, PlatformDbContext? db = null)
    {
        scoped = transaction is null || db?.TakeTenantSetting(transaction) is not null;
        batch = Create(connection, transaction, scoped, tenantId);
    }

    public NpgsqlBatchCommand Add(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(command);
        return command;
    }

    public Task<int> ExecuteAsync(CancellationToken ct) => batch.ExecuteNonQueryAsync(ct);

    public ValueTask DisposeAsync() => batch.DisposeAsync();

    /// <summary>A reader positioned on the first added statement's result (the tenant setting's is skipped).</summary>
    public async Task<NpgsqlDataReader> ReadAsync(CancellationToken ct)
    {
        var reader = await batch.ExecuteReaderAsync(ct);
        if (scoped)
        {
            await reader.NextResultAsync(ct);
        }

        return reader;
    }

    /// <summary>Runs <paramref name="work"/> with the context's connection open (EF opens and closes it as usual).</summary>
    public static async Task<T> OnConnectionAsync<T>(PlatformDbContext db, Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await work((NpgsqlConnection)db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlBatch Create(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool scoped, Guid tenantId)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        if (scoped)
        {
            var setting = new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', @t::text, true)");
            setting.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Uuid) { Value = tenantId });
            batch.BatchCommands.Add(setting);
        }

        return batch;
    }
}
