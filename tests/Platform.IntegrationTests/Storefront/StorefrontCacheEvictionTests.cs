using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Storefront;

/// <summary>
/// The home and event pages are output-cached; a back-office change evicts them by tag at once. The node here caches
/// for five minutes, so what the pages show can only change by eviction, never by expiry.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class StorefrontCacheEvictionTests(PlatformFixture fixture)
{
    [Fact]
    public async Task PriceChangeThroughTheApi_ShowsOnTheCachedPagesAtOnce()
    {
        var node = fixture.LongCacheNode;
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync(title: "Cached Gala");
        using var buyer = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var owner = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        owner.DefaultRequestHeaders.Add(TestAuthHandler.Header, TestCaller.TenantMember(scenario.Tenant.Id, "owner").Encode());
        var (home, page) = ($"/t/{scenario.Tenant.Slug}", $"/t/{scenario.Tenant.Slug}/events/{ev.Id}");
        Assert.Contains("from €25.00", await buyer.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Contains("from €25.00", await buyer.GetStringAsync(home), StringComparison.Ordinal);

        // The pages are cached: a change behind the API's back does not show.
        await using (var sql = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await sql.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE ticket_types SET price_minor = 2700 WHERE event_id = @e", sql);
            update.Parameters.AddWithValue("e", ev.Id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.Contains("from €25.00", await buyer.GetStringAsync(page), StringComparison.Ordinal);

        // The same kind of change through the API evicts the event's page and the home page.
        (await owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types/{ev.TicketTypes[0].Id}", new
        {
            price = new { amount = 3000, currency = "EUR" },
        })).EnsureSuccessStatusCode();

        Assert.Contains("from €30.00", await buyer.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Contains("from €30.00", await buyer.GetStringAsync(home), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABuyersHold_DoesNotEvictThePages()
    {
        var node = fixture.LongCacheNode;
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync(title: "Busy Gala", startsAt: DateTimeOffset.UtcNow.AddDays(30));
        (await scenario.Owner.PostAsync($"/api/v1/events/{ev.Id}/open-sales", null)).EnsureSuccessStatusCode();
        using var buyer = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = $"/t/{scenario.Tenant.Slug}/events/{ev.Id}";
        var before = await buyer.GetStringAsync(page);
        await using (var sql = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await sql.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE events SET description = 'Changed behind the back' WHERE id = @e", sql);
            update.Parameters.AddWithValue("e", ev.Id);
            await update.ExecuteNonQueryAsync();
        }

        (await buyer.PostAsJsonAsync($"/api/v1/public/tenants/{scenario.Tenant.Slug}/holds", new
        {
            eventId = ev.Id, occurrenceId = ev.Occurrences[0].Id, buyerEmail = "hot@example.com",
            lines = new[] { new { ticketTypeId = ev.TicketTypes[0].Id, quantity = 1 } },
        })).EnsureSuccessStatusCode();

        Assert.Equal(before, await buyer.GetStringAsync(page));
    }

    /// <summary>
    /// A price changed through one node evicts the other node's cached pages (ADR 0039): the write goes to the main
    /// host, the buyer reads from the five-minute cache node, so only the cross-node notification can change the page.
    /// </summary>
    [Fact]
    public async Task PriceChangeOnOneNode_EvictsTheOtherNodesPages()
    {
        var (scenario, ev, buyer) = await CachedEventAsync("Two Node Gala");
        await AssertEvictedAcrossNodesAsync(scenario, ev, buyer, 3000, "from €30.00");
    }

    /// <summary>The listener reconnects after losing its connection, and evictions reach it again.</summary>
    [Fact]
    public async Task AfterTheListenersConnectionIsLost_ItReconnects_AndEvictionsArriveAgain()
    {
        // The main host and the cache node each listen once they have started.
        var started = DateTime.UtcNow.AddSeconds(30);
        List<int> before;
        while ((before = await ListenersAsync()).Count < 2)
        {
            Assert.True(DateTime.UtcNow < started, $"expected a listener per node, saw {before.Count}");
            await Task.Delay(200);
        }

        await using (var sql = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await sql.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid = ANY(@pids)", sql);
            kill.Parameters.AddWithValue("pids", before.ToArray());
            Assert.Equal((long)before.Count, await kill.ExecuteScalarAsync());
        }

        // New listeners (other backends) for every node, within a few reconnect delays.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<int> after;
        while ((after = await ListenersAsync()).Count(pid => !before.Contains(pid)) < before.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"listeners did not come back: {string.Join(",", after)}");
            await Task.Delay(200);
        }

        // The reconnected listener evicts everything once; what is cached after that must still be evicted by notification.
        await Task.Delay(500);
        var (scenario, ev, buyer) = await CachedEventAsync("Reconnected Gala");
        await AssertEvictedAcrossNodesAsync(scenario, ev, buyer, 3100, "from €31.00");
    }

    private async Task<(EventScenario Scenario, Platform.Events.EventResponse Event, HttpClient Buyer)> CachedEventAsync(string title)
    {
        var scenario = await EventScenario.CreateAsync(fixture);
        var ev = await scenario.PublishedGaEventAsync(title: title);
        var buyer = fixture.LongCacheNode.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = $"/t/{scenario.Tenant.Slug}/events/{ev.Id}";
        Assert.Contains("from €25.00", await buyer.GetStringAsync(page), StringComparison.Ordinal);

        // Cached on the buyer's node: a change behind the API's back does not show there.
        await using (var sql = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await sql.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE ticket_types SET price_minor = 2700 WHERE event_id = @e", sql);
            update.Parameters.AddWithValue("e", ev.Id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.Contains("from €25.00", await buyer.GetStringAsync(page), StringComparison.Ordinal);
        return (scenario, ev, buyer);
    }

    private static async Task AssertEvictedAcrossNodesAsync(EventScenario scenario, Platform.Events.EventResponse ev, HttpClient buyer, int price, string expected)
    {
        // scenario.Owner talks to the main host, not to the buyer's node.
        (await scenario.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types/{ev.TicketTypes[0].Id}", new
        {
            price = new { amount = price, currency = "EUR" },
        })).EnsureSuccessStatusCode();

        // NOTIFY is asynchronous: allow it a few seconds (the buyer's node would otherwise serve the old page for 5 minutes).
        var page = $"/t/{scenario.Tenant.Slug}/events/{ev.Id}";
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string html;
        while (!(html = await buyer.GetStringAsync(page)).Contains(expected, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains(expected, await buyer.GetStringAsync($"/t/{scenario.Tenant.Slug}"), StringComparison.Ordinal);
        buyer.Dispose();
    }

    private async Task<List<int>> ListenersAsync()
    {
        _ = fixture.LongCacheNode.Server;
        await using var sql = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await sql.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE application_name = @app AND query LIKE 'LISTEN%'", sql);
        query.Parameters.AddWithValue("app", Platform.Api.Storefront.StorefrontCacheBus.ApplicationName);
        var pids = new List<int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }
}
