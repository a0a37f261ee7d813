using System.Collections;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Import;

/// <summary>
/// Set-based inserts for the import's batches (ADR 0057, session 11): one <c>INSERT … SELECT … FROM unnest(…)</c> per
/// table and batch, one array parameter per column, with the column list, names and value conversions read from the EF
/// model so the statement follows the entities. Not binary COPY: PostgreSQL refuses <c>COPY FROM</c> into a table with
/// Row-Level Security, and every table here has it. The statement runs on the caller's transaction and carries the
/// tenant setting when it is that transaction's first statement, like <see cref="Holds.CheckoutSql"/>; RLS's WITH CHECK
/// still refuses a row of another tenant, and the entities are checked here first so that is never a surprise.
/// </summary>
internal sealed class ImportBulkInsert(PlatformDbContext db)
{
    public async Task InsertAsync<T>(IReadOnlyCollection<T> rows, Guid tenantId, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.PropertyInfo is not null && !IsDatabaseMaintained(p)).ToList();
        var tenant = entity.FindProperty(nameof(ITenantOwned.TenantId));
        if (tenant is not null && rows.Any(r => !Equals(tenant.PropertyInfo!.GetValue(r), tenantId)))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} of another tenant in an import batch.");
        }

        var names = new StringBuilder();
        var selects = new StringBuilder();
        var parameters = new List<NpgsqlParameter>();
        for (var i = 0; i < columns.Count; i++)
        {
            var property = columns[i];
            var mapping = property.GetRelationalTypeMapping();
            var storeType = mapping.StoreType;
            var separator = i == 0 ? "" : ", ";
            names.Append(separator).Append('"').Append(property.GetColumnName(table)).Append('"');
            var values = rows.Select(r => Provider(property, mapping, property.PropertyInfo!.GetValue(r))).ToList();
            var cell = $"u.c{i}";
            if (storeType.EndsWith("[]", StringComparison.Ordinal))
            {
                // An array column cannot ride in unnest (a 2-D array would be flattened, and must be rectangular):
                // each value travels as a JSON array and is rebuilt in SQL.
                parameters.Add(new NpgsqlParameter($"p{i}", values.Select(v => v is null ? null : JsonSerializer.Serialize(v)).ToArray()));
                selects.Append(separator).Append($"CASE WHEN {cell} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text({cell}::jsonb))::{storeType} END");
            }
            else
            {
                parameters.Add(new NpgsqlParameter($"p{i}", TypedArray(values, Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? property.ClrType)
                    ?? mapping.Converter?.ProviderClrType ?? property.ClrType, property.IsNullable)));
                // jsonb has no assignment cast from text; every other column takes the text or value as it is, so a
                // too-long value still fails loudly (an explicit cast to varchar(n) would truncate it silently).
                selects.Append(separator).Append(storeType == "jsonb" ? $"{cell}::jsonb" : cell);
            }
        }

        var unnest = string.Join(", ", Enumerable.Range(0, columns.Count).Select(i => $"@p{i}"));
        var aliases = string.Join(", ", Enumerable.Range(0, columns.Count).Select(i => $"c{i}"));
        var sql = $"INSERT INTO \"{table.Name}\" ({names}) SELECT {selects} FROM unnest({unnest}) AS u({aliases})";
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Import inserts must run inside the batch's transaction."));
        await using var command = new NpgsqlCommand(db.TakeTenantSetting(transaction) + sql, (NpgsqlConnection)db.Database.GetDbConnection(), transaction);
        command.Parameters.AddRange(parameters.ToArray());
        var inserted = await command.ExecuteNonQueryAsync(ct);
        if (inserted != rows.Count)
        {
            throw new InvalidOperationException($"Inserted {inserted} of {rows.Count} {typeof(T).Name} rows.");
        }
    }

    /// <summary>Columns PostgreSQL fills itself: xmin row versions and identity/sequence keys.</summary>
    private static bool IsDatabaseMaintained(IProperty property) =>
        property.IsConcurrencyToken && property.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAddOrUpdate
        || property.GetColumnName() is "xmin";

    private static object? Provider(IProperty property, RelationalTypeMapping mapping, object? value)
    {
        var converter = property.GetValueConverter() ?? mapping.Converter;
        var provided = value is null || converter is null ? value : converter.ConvertToProvider(value);
        // Npgsql writes timestamptz only from UTC offsets.
        return provided is DateTimeOffset at ? at.ToUniversalTime() : provided;
    }

    private static Array TypedArray(List<object?> values, Type element, bool nullable)
    {
        var type = nullable && element.IsValueType ? typeof(Nullable<>).MakeGenericType(element) : element;
        var array = Array.CreateInstance(type, values.Count);
        IList list = array;
        for (var i = 0; i < values.Count; i++)
        {
            list[i] = values[i];
        }

        return array;
    }
}
