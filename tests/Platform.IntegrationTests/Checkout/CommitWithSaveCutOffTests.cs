using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.Checkout;
using Platform.Events;
using Platform.Holds;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// ADR 0069's COMMIT riding on the save (<c>PlatformDbContext.CommitWithNextSave</c>) only for saves of at most
/// <c>SingleCommandSaveLimit</c> (200) changed entries: past it EF may split the save into several commands, and a
/// COMMIT in the first would leave the rest outside the transaction. A payment's save holds the payment, its
/// order.paid outbox row, one ticket and one ledger entry per ticket and the tickets.issued outbox row — 2 × tickets
/// + 3 entries — so a keyed sandbox payment over the public API crosses the cut-off with the number of tickets. Each
/// case checks both where the COMMIT went and that everything the payment wrote is committed.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CommitWithSaveCutOffTests(PlatformFixture fixture, ITestOutputHelper output)
{
    /// <summary>Ticket types per event (one quota); the hold validator caps a line at 100 and a type at 100 per order.</summary>
    private const int Types = 5;

    [Theory]
    // 199 entries: under the cut-off, the COMMIT is the save's last statement.
    [InlineData(new[] { 98 }, true)]
    // 203 entries: just over it, committed on its own after the save.
    [InlineData(new[] { 100 }, false)]
    // 1,003 entries, far over it. Observed: EF still sends this save as ONE command (multi-row INSERTs, 14,962
    // parameters), so the cut-off is conservative here; the case guards the data of a large save all the same.
    [InlineData(new[] { 100, 100, 100, 100, 100 }, false)]
    public async Task Pay_TicketsAroundTheSingleCommandCutOff_CommitRidesOnlyUnderIt_AndEverythingIsCommitted(int[] quantities, bool rides)
    {
        var tickets = quantities.Sum();
        var (events, ev) = await OnSaleEventAsync(tickets);
        using var buyer = fixture.CreateClient();
        var prefix = $"/api/v1/public/tenants/{events.Tenant.Slug}";
        var hold = await (await buyer.PostAsJsonAsync($"{prefix}/holds", new
        {
            eventId = ev.Id, occurrenceId = ev.Occurrences[0].Id, buyerEmail = "many@example.com",
            lines = quantities.Select((quantity, i) => new { ticketTypeId = ev.TicketTypes[i].Id, quantity }),
        })).ReadAsync<HoldResponse>();
        var order = await (await buyer.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Ada Lovelace", email = "many@example.com" } }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        })).ReadAsync<OrderResponse>();
        var key = $"pay-many-{order.Id:N}";

        using var counter = new RoundTripCounter();
        var paid = await buyer.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { OrderTokens.Header, order.OrderToken }, { IdempotencyFilter.Header, key }, { "traceparent", counter.TraceParent } },
        });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var sent = counter.Sent;

        // Where the COMMIT went: the last statement of the save's command, or a COMMIT of its own after it.
        var riding = sent.Count(t => t.TrimEnd().EndsWith(";\nCOMMIT;", StringComparison.Ordinal));
        var separate = sent.Count(t => t == "COMMIT");
        // Each round trip's first and last 80 characters: where the COMMIT went shows at the end.
        var described = string.Join("\n", sent.Select((t, i) => t.ReplaceLineEndings(" ") is var one && one.Length > 160
            ? $"{i + 1}. {one[..80]} … {one[^80..]} ({t.Length:N0} chars)" : $"{i + 1}. {one}"));
        output.WriteLine(described);
        Assert.True(rides ? riding == 1 && separate == 0 : riding == 0 && separate == 1,
            $"{tickets} tickets: expected the COMMIT {(rides ? "riding on the save" : "on its own")}; sent:\n{described}");

        // And everything the payment wrote is there, as the database itself says (superuser, no RLS).
        var o = new NpgsqlParameter("o", order.Id);
        Assert.Equal("paid", await ScalarAsync<string>(events, "SELECT state FROM orders WHERE tenant_id = @t AND id = @o", o));
        Assert.Equal(1L, await ScalarAsync<long>(events,
            "SELECT count(*) FROM payments WHERE tenant_id = @t AND order_id = @o AND kind = 'payment' AND status = 'succeeded'", o));
        Assert.Equal((long)tickets, await ScalarAsync<long>(events, "SELECT count(*) FROM tickets WHERE tenant_id = @t AND order_id = @o", o));
        Assert.Equal(quantities.Select(q => (long)q), await Task.WhenAll(quantities.Select((_, i) => ScalarAsync<long>(events,
            "SELECT count(*) FROM tickets WHERE tenant_id = @t AND order_id = @o AND ticket_type_id = @type", o,
            new NpgsqlParameter("type", ev.TicketTypes[i].Id)))));
        Assert.Equal((long)tickets, await ScalarAsync<long>(events, """
            SELECT count(*) FROM ticket_ledger_entries l JOIN tickets t ON t.tenant_id = l.tenant_id AND t.id = l.ticket_id
            WHERE l.tenant_id = @t AND t.order_id = @o AND l.kind = 'issued'
            """, o));
        Assert.Equal(1L, await ScalarAsync<long>(events,
            "SELECT count(*) FROM outbox_messages WHERE tenant_id = @t AND type = 'tickets.issued' AND payload::jsonb ->> 'orderId' = @o::text", o));
        Assert.Equal(200L, await ScalarAsync<long>(events, $"SELECT status_code::bigint FROM idempotency_keys WHERE tenant_id = @t AND key = '{key}'"));
        var replay = await buyer.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
            Headers = { { OrderTokens.Header, order.OrderToken }, { IdempotencyFilter.Header, key } },
        });
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await paid.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    /// <summary>A GA event on sale with <see cref="Types"/> ticket types of up to 100 per order, all from one quota of <paramref name="capacity"/>.</summary>
    private async Task<(EventScenario Events, EventResponse Event)> OnSaleEventAsync(int capacity)
    {
        var events = await EventScenario.CreateAsync(fixture);
        var ev = await events.CreateEventAsync(startsAt: DateTimeOffset.UtcNow.AddDays(30));
        // One buyer takes them all: lift the per-buyer cap (10 by default) to its maximum.
        (await events.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}", new { maxTicketsPerBuyer = 1000 })).EnsureSuccessStatusCode();
        var quota = await events.AddQuotaAsync(ev.Id, capacity);
        for (var i = 0; i < Types; i++)
        {
            (await events.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types", new
            {
                name = $"Standing {i + 1}", kind = "general_admission", quotaId = quota.Id,
                price = new { amount = 2500, currency = events.Tenant.DefaultCurrency }, maxPerOrder = 100,
            })).EnsureSuccessStatusCode();
        }

        (await events.Owner.PostAsync($"/api/v1/events/{ev.Id}/publish", null)).EnsureSuccessStatusCode();
        var open = await (await events.Owner.PostAsync($"/api/v1/events/{ev.Id}/open-sales", null)).ReadAsync<EventResponse>();
        return (events, open);
    }

    private async Task<T> ScalarAsync<T>(EventScenario events, string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", events.Tenant.Id);
        // A parameter belongs to one command: copy it, since the same one is passed to several queries.
        command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
