using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tickets.Ledger;

namespace Platform.IntegrationTests.Tickets;

[Collection(PlatformCollection.Name)]
public sealed class TicketLedgerTests(PlatformFixture fixture)
{
    [Fact]
    public async Task History_IssuedTransferredRevoked_ChainedAndVerified()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(1);
        var id = tickets[0].Id;
        (await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{id}/transfer", new { name = "N", email = "n@example.com" })).EnsureSuccessStatusCode();
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "gone" })).EnsureSuccessStatusCode();

        var history = await (await s.Owner.GetAsync($"/api/v1/tickets/{id}/history")).ReadAsync<TicketHistoryResponse>();
        var chain = await (await s.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();

        Assert.Equal([LedgerKinds.Issued, LedgerKinds.Transferred, LedgerKinds.Revoked], history.Entries.Select(e => e.Kind));
        Assert.All(history.Entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash!));
        Assert.Equal(history.Entries[0].Hash, history.Entries[1].PrevHash);
        Assert.Equal(("2", "refunded"), (history.Entries[1].Data["toCodeVersion"], history.Entries[2].Data["reason"]));
        Assert.True(history.Verification.Valid);
        Assert.Equal((true, 3L, 3L), (chain.Valid, chain.CheckedEntries, chain.HeadSeq));
    }

    [Fact]
    public async Task Verify_AlteredEntry_Detected()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (_, tickets) = await s.PaidOrderAsync(3);
        await SealedAsync(s);
        var url = $"/api/v1/tickets/{tickets[1].Id}/history";
        var before = await (await s.Owner.GetAsync(url)).ReadAsync<TicketHistoryResponse>();
        var seq = before.Entries.Single().Seq!.Value;

        await TamperAsync(s, $"UPDATE ticket_ledger_entries SET data = replace(data, '\"codeVersion\":\"1\"', '\"codeVersion\":\"9\"') WHERE tenant_id = @t AND seq = {seq}");

        var chain = await (await s.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();
        var history = await (await s.Owner.GetAsync(url)).ReadAsync<TicketHistoryResponse>();
        Assert.True(before.Verification.Valid);
        Assert.Equal((false, "altered_entry", (long?)seq), (chain.Valid, chain.Problem, chain.FirstInvalidSeq));
        Assert.Equal((false, "altered_entry"), (history.Verification.Valid, history.Verification.Problem));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Verify_DeletedEntryMiddleOrTail_Detected(int seq)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.PaidOrderAsync(3);
        await SealedAsync(s);

        await TamperAsync(s, $"DELETE FROM ticket_ledger_entries WHERE tenant_id = @t AND seq = {seq}");

        var chain = await (await s.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();
        Assert.Equal((false, "missing_entry", (long?)seq), (chain.Valid, chain.Problem, chain.FirstInvalidSeq));
    }

    [Fact]
    public async Task Verify_RehashedAlteredEntry_BreaksTheNextLink()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.PaidOrderAsync(3);
        await SealedAsync(s);

        // A forger who also rewrites the entry's own hash still cannot make the following entry point at it.
        await TamperAsync(s, "UPDATE ticket_ledger_entries SET actor = 'forger', hash = repeat('a', 64) WHERE tenant_id = @t AND seq = 1");

        var chain = await (await s.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();
        Assert.False(chain.Valid);
        Assert.Equal(1, chain.FirstInvalidSeq);
    }

    /// <summary>
    /// A forger who alters an entry and recomputes its hash correctly leaves that entry self-consistent: only the next
    /// entry's prev_hash still points at the old hash. So the chain must fail exactly there, as broken_link (a check
    /// that skipped the link would report the next entry altered instead, or nothing at all).
    /// </summary>
    [Fact]
    public async Task Verify_AlteredEntryWithCorrectlyRecomputedHash_BrokenLinkAtNextEntry()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (_, tickets) = await s.PaidOrderAsync(3);
        await SealedAsync(s);

        var forged = await RecomputedHashAsync(s, seq: 1, actor: "forger");
        await TamperAsync(s, $"UPDATE ticket_ledger_entries SET actor = 'forger', hash = '{forged}' WHERE tenant_id = @t AND seq = 1");

        var chain = await (await s.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();
        var secondTicket = await s.ScalarAsync<Guid>("SELECT ticket_id FROM ticket_ledger_entries WHERE tenant_id = @t AND seq = 2");
        var history = await (await s.Owner.GetAsync($"/api/v1/tickets/{secondTicket}/history")).ReadAsync<TicketHistoryResponse>();
        Assert.Contains(tickets, t => t.Id == secondTicket);
        Assert.Equal((false, "broken_link", (long?)2, 1L), (chain.Valid, chain.Problem, chain.FirstInvalidSeq, chain.CheckedEntries));
        Assert.Equal((false, "broken_link", (long?)2), (history.Verification.Valid, history.Verification.Problem, history.Verification.FirstInvalidSeq));
    }

    /// <summary>The hash entry <paramref name="seq"/> would have with <paramref name="actor"/>, computed by the documented format.</summary>
    private async Task<string> RecomputedHashAsync(CheckoutScenario s, long seq, string actor)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, ticket_id, kind, occurred_at, data, prev_hash, hash FROM ticket_ledger_entries WHERE tenant_id = @t AND seq = @s", connection);
        command.Parameters.AddWithValue("t", s.Events.Tenant.Id);
        command.Parameters.AddWithValue("s", seq);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var occurredAt = new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero);
        var forged = LedgerHash.Compute(seq, reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), occurredAt, actor, reader.GetString(4),
            reader.GetString(5));
        Assert.NotEqual(reader.GetString(6), forged);
        return forged;
    }

    [Fact]
    public async Task SealedEntry_UpdateOrDeleteWithTriggerOn_RefusedByDatabase()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.PaidOrderAsync(1);
        await SealedAsync(s);
        await using var connection = new NpgsqlConnection(fixture.OwnerConnectionString);
        await connection.OpenAsync();

        foreach (var sql in new[] { "UPDATE ticket_ledger_entries SET actor = 'x' WHERE tenant_id = @t", "DELETE FROM ticket_ledger_entries WHERE tenant_id = @t" })
        {
            await using var tx = await connection.BeginTransactionAsync();
            await SetTenantAsync(connection, tx, s.Events.Tenant.Id);
            await using var command = new NpgsqlCommand(sql, connection, tx);
            command.Parameters.AddWithValue("t", s.Events.Tenant.Id);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, refused.SqlState);
        }
    }

    [Fact]
    public async Task LedgerEndpoints_OtherTenant_404OrOwnChainOnly()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (_, tickets) = await s.PaidOrderAsync(2);

        var history = await other.Owner.GetAsync($"/api/v1/tickets/{tickets[0].Id}/history");
        var otherChain = await (await other.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();

        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        Assert.Equal((true, 0L), (otherChain.Valid, otherChain.CheckedEntries));
    }

    private static async Task SealedAsync(CheckoutScenario s)
    {
        var chain = await (await s.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();
        Assert.True(chain.Valid);
    }

    /// <summary>Edits stored entries as the table owner would, switching the append-only trigger off inside the same transaction.</summary>
    private async Task TamperAsync(CheckoutScenario s, string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.OwnerConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, tx, s.Events.Tenant.Id);
        foreach (var statement in new[] { "ALTER TABLE ticket_ledger_entries DISABLE TRIGGER ticket_ledger_entries_append_only", sql,
                     "ALTER TABLE ticket_ledger_entries ENABLE TRIGGER ticket_ledger_entries_append_only" })
        {
            await using var command = new NpgsqlCommand(statement, connection, tx);
            command.Parameters.AddWithValue("t", s.Events.Tenant.Id);
            Assert.True(await command.ExecuteNonQueryAsync() >= 0 || statement.StartsWith("ALTER", StringComparison.Ordinal));
        }

        await tx.CommitAsync();
    }

    private static async Task SetTenantAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid tenantId)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", connection, tx);
        command.Parameters.AddWithValue("t", tenantId.ToString());
        await command.ExecuteScalarAsync();
    }
}

[Collection(PlatformCollection.Name)]
public sealed class TicketLedgerConcurrencyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task PayOrders_Concurrently_OneUnbrokenChainWithEveryTicket()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 40);
        var orders = new List<Platform.Orders.OrderResponse>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await s.PlaceAsync(2, $"c{i}-{Guid.NewGuid():N}@example.com"));
        }

        var paid = await Task.WhenAll(orders.Select(o => s.PayAsync(o)));
        var chain = await (await s.Owner.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();

        Assert.All(paid, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal((true, 16L, 16L), (chain.Valid, chain.CheckedEntries, chain.HeadSeq));
        Assert.Equal(16L, await s.ScalarAsync<long>("SELECT count(DISTINCT seq) FROM ticket_ledger_entries WHERE tenant_id = @t AND seq IS NOT NULL"));
    }
}
