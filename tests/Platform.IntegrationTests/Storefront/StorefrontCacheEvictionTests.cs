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
}
