using Npgsql;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Persistence;

/// <summary>
/// Every foreign key's columns lead some full (non-partial) index of the referencing table. Without one, "the rows of
/// this order" is a scan of the tenant's whole table, and deleting a parent scans the child: the payments of an order
/// were read this way on every payment until the benchmark's statement statistics showed it (1.9 ms per read at
/// ~9,000 payments, growing with the sale).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ForeignKeyIndexTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Schema_EveryForeignKey_HasAnIndexLeadingWithItsColumns()
    {
        await using var connection = new NpgsqlConnection(fixture.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.conrelid::regclass::text || '.' || c.conname
            FROM pg_constraint c
            JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.contype = 'f' AND n.nspname = 'public'
              AND NOT EXISTS (
                  SELECT 1 FROM pg_index i
                  WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
                    AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                    AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
            ORDER BY 1
            """, connection);
        var unindexed = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                unindexed.Add(reader.GetString(0));
            }
        }

        Assert.Empty(unindexed);
    }
}
