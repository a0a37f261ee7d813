using System.Net;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Platform.Checkout;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// Issue #13 item 2: hold and order tokens are bearer secrets; the database keeps only their hashes, and the
/// idempotency store keeps replayable answers encrypted. After a purchase made entirely with Idempotency-Keys, every
/// text, json and bytea column of every table is searched for the tokens.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TokenAtRestTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Purchase_WithIdempotencyKeys_NoTokenInPlaintextAnywhereInTheDatabase()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var holdResponse = await s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/holds")
        {
            Content = JsonContent.Create(new
            {
                eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "secret@example.com",
                lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 2 } },
            }),
            Headers = { { IdempotencyFilter.Header, $"h-{Guid.NewGuid():N}" } },
        });
        var hold = await holdResponse.ReadAsync<HoldResponse>();
        var order = await (await s.OrderAsync(hold, $"o-{Guid.NewGuid():N}")).ReadAsync<OrderResponse>();
        var pay = await s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { OrderTokens.Header, order.OrderToken }, { IdempotencyFilter.Header, $"p-{Guid.NewGuid():N}" } },
        });
        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        await s.SettledCounterAsync();

        Assert.Empty(await FindAsync(hold.HoldToken!));
        Assert.Empty(await FindAsync(order.OrderToken!));
        // The search itself sees the rows: the token's hash is where it belongs.
        Assert.Contains("public.holds.token_hash", await FindAsync(HoldService.HashToken(hold.HoldToken!)));
    }

    /// <summary>Every column (schema.table.column) of a text-like, json or bytea type holding <paramref name="needle"/>.</summary>
    private async Task<List<string>> FindAsync(string needle)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'xml')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        Assert.True(columns.Count > 50, $"only {columns.Count} columns found");
        var hits = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var where = type == "bytea" ? $"position(@b in \"{column}\") > 0" : $"strpos(\"{column}\"::text, @s) > 0";
            await using var search = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM \"{schema}\".\"{table}\" WHERE {where})", connection);
            search.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Bytea) { Value = Encoding.UTF8.GetBytes(needle) });
            search.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Text) { Value = needle });
            if ((bool)(await search.ExecuteScalarAsync())!)
            {
                hits.Add($"{schema}.{table}.{column}");
            }
        }

        return hits;
    }
}
