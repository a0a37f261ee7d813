using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Reports;

/// <summary>
/// Reads a report's rows with raw SQL, one row at a time. The statement runs in a <see cref="TenantBatch"/>, so Row-Level
/// Security scopes it to the caller's tenant for exactly that batch; rows are yielded as PostgreSQL sends them, so an
/// export of a million order lines never sits in memory (the reader keeps one implicit transaction, one snapshot).
/// </summary>
internal sealed class ReportSql(PlatformDbContext db, TenantContext tenant)
{
    public async IAsyncEnumerable<T> StreamAsync<T>(string sql, Func<NpgsqlDataReader, T> map, [EnumeratorCancellation] CancellationToken ct,
        params NpgsqlParameter[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new TenantBatch((NpgsqlConnection)db.Database.GetDbConnection(), null, tenant.RequiredTenantId);
            batch.Add(sql, parameters);
            await using var reader = await batch.ReadAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                yield return map(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        var list = new List<T>();
        await foreach (var row in StreamAsync(sql, map, ct, parameters))
        {
            list.Add(row);
        }

        return list;
    }

    public static NpgsqlParameter Param(string name, object? value) => new(name, value ?? DBNull.Value);

    public static NpgsqlParameter Param(string name, Guid? value) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Uuid) { Value = value is { } v ? v : DBNull.Value };
}
