using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.Events;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Events;

[Collection(PlatformCollection.Name)]
public sealed class InventoryTests(PlatformFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 19, 0, 0, TimeSpan.Zero);

    /// <summary>Stands in for checkout (not built yet): moves counters as the superuser, bypassing RLS.</summary>
    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task AddQuota_CreatesCountersForEveryOccurrence_AndNewOccurrencesGetThem()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 40);

        var occurrence = await (await s.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/occurrences", new { startsAt = Start, endsAt = Start.AddHours(2) }))
            .ReadAsync<OccurrenceResponse>();

        foreach (var occurrenceId in new[] { ev.Occurrences[0].Id, occurrence.Id })
        {
            var inventory = await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}/occurrences/{occurrenceId}/inventory")).ReadAsync<OccurrenceInventoryResponse>();
            var counter = Assert.Single(inventory.Quotas);
            Assert.Equal((quota.Id, 40, 0, 0, 40), (counter.QuotaId, counter.Capacity, counter.Held, counter.Sold, counter.Available));
        }
    }

    [Fact]
    public async Task UpdateQuota_CapacityBelowSoldPlusHeld_Returns409AndKeepsCapacity()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 20);
        await ExecuteAsync("UPDATE quota_counters SET held = 3, sold = 5 WHERE quota_id = @q", ("q", quota.Id));

        var refused = await s.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}/quotas/{quota.Id}", new { capacity = 7 });
        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("capacity_below_committed", problem.Code());
        Assert.Contains("capacity", problem.ErrorFields());

        var accepted = await (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{ev.Id}/quotas/{quota.Id}", new { capacity = 8 })).ReadAsync<QuotaResponse>();
        Assert.Equal(8, accepted.Capacity);
        var inventory = await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}/occurrences/{ev.Occurrences[0].Id}/inventory")).ReadAsync<OccurrenceInventoryResponse>();
        Assert.Equal((8, 3, 5, 0), (inventory.Quotas[0].Capacity, inventory.Quotas[0].Held, inventory.Quotas[0].Sold, inventory.Quotas[0].Available));
    }

    [Fact]
    public async Task QuotaCounters_ConditionalUpdatePastCapacity_IsRefusedByTheDatabase()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 2);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("UPDATE quota_counters SET held = held + 3 WHERE quota_id = @q", ("q", quota.Id)));

        Assert.Equal("ck_quota_counters_within_capacity", ex.ConstraintName);
    }

    [Fact]
    public async Task AddSeatedTicketType_CreatesSeatStatesPerOccurrence()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var ev = await s.CreateEventAsync(venue.Id);

        await s.AddSeatedTicketAsync(ev.Id, venue.PriceZones.Single(z => z.Code == "front").Id);
        await s.AddSeatedTicketAsync(ev.Id, venue.PriceZones.Single(z => z.Code == "back").Id);
        var second = await (await s.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/occurrences", new { startsAt = Start, endsAt = Start.AddHours(2) }))
            .ReadAsync<OccurrenceResponse>();

        var sectionA = venue.Sections.Single(x => x.Code == "A").Id;
        foreach (var occurrenceId in new[] { ev.Occurrences[0].Id, second.Id })
        {
            var inventory = await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}/occurrences/{occurrenceId}/inventory")).ReadAsync<OccurrenceInventoryResponse>();
            var section = Assert.Single(inventory.Sections);
            Assert.Equal((sectionA, 12, 0, 0, 0), (section.SectionId, section.Available, section.Held, section.Sold, section.Blocked));
        }
    }

    [Fact]
    public async Task AddSeatedTicketType_ZoneOfAnotherVenueOrNoVenue_Returns422()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync("One");
        var other = await s.CreateVenueAsync("Two");
        var ev = await s.CreateEventAsync(venue.Id);
        var noVenue = await s.CreateEventAsync();

        var wrongZone = await s.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/ticket-types", new
        {
            name = "Seat", kind = "seated", priceZoneId = other.PriceZones[0].Id, price = new { amount = 100, currency = "EUR" },
        });
        var withoutVenue = await s.Owner.PostAsJsonAsync($"/api/v1/events/{noVenue.Id}/ticket-types", new
        {
            name = "Seat", kind = "seated", priceZoneId = venue.PriceZones[0].Id, price = new { amount = 100, currency = "EUR" },
        });

        Assert.Contains("priceZoneId", (await wrongZone.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("kind", (await withoutVenue.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task BlockSeats_AvailableSeats_BlocksThemAndReleaseRestores()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var ev = await s.CreateEventAsync(venue.Id);
        await s.AddSeatedTicketAsync(ev.Id, venue.PriceZones[0].Id);
        var map = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<Platform.Venues.VenueMapResponse>();
        var seatIds = map.Sections.Single(x => x.Code == "A").Seats.Take(3).Select(x => x.Id).ToArray();
        var url = $"/api/v1/events/{ev.Id}/occurrences/{ev.Occurrences[0].Id}";

        var blocked = await (await s.Owner.PostAsJsonAsync($"{url}/seats/block", new { seatIds, blocked = true })).ReadAsync<SeatBlockResponse>();
        Assert.Equal(3, blocked.Changed);
        var inventory = await (await s.Owner.GetAsync($"{url}/inventory")).ReadAsync<OccurrenceInventoryResponse>();
        Assert.Equal((9, 3), (inventory.Sections[0].Available, inventory.Sections[0].Blocked));

        var released = await (await s.Owner.PostAsJsonAsync($"{url}/seats/block", new { seatIds = seatIds[..1], blocked = false })).ReadAsync<SeatBlockResponse>();
        Assert.Equal(1, released.Changed);
        inventory = await (await s.Owner.GetAsync($"{url}/inventory")).ReadAsync<OccurrenceInventoryResponse>();
        Assert.Equal((10, 2), (inventory.Sections[0].Available, inventory.Sections[0].Blocked));
    }

    [Fact]
    public async Task BlockSeats_OneAlreadyBlocked_Returns409AndChangesNothing()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var ev = await s.CreateEventAsync(venue.Id);
        await s.AddSeatedTicketAsync(ev.Id, venue.PriceZones[0].Id);
        var map = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<Platform.Venues.VenueMapResponse>();
        var seatIds = map.Sections.Single(x => x.Code == "A").Seats.Take(4).Select(x => x.Id).ToArray();
        var url = $"/api/v1/events/{ev.Id}/occurrences/{ev.Occurrences[0].Id}";
        (await s.Owner.PostAsJsonAsync($"{url}/seats/block", new { seatIds = seatIds[..1], blocked = true })).EnsureSuccessStatusCode();

        var problem = await (await s.Owner.PostAsJsonAsync($"{url}/seats/block", new { seatIds, blocked = true })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("seats_unavailable", problem.Code());
        Assert.Contains("seatIds", problem.ErrorFields());
        var inventory = await (await s.Owner.GetAsync($"{url}/inventory")).ReadAsync<OccurrenceInventoryResponse>();
        Assert.Equal(1, inventory.Sections[0].Blocked);
    }

    [Fact]
    public async Task BlockSeats_AnotherTenantsEvent_Returns404()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var ev = await s.CreateEventAsync(venue.Id);
        var other = await EventScenario.CreateAsync(fixture);

        var response = await other.Owner.PostAsJsonAsync($"/api/v1/events/{ev.Id}/occurrences/{ev.Occurrences[0].Id}/seats/block",
            new { seatIds = new[] { Guid.NewGuid() }, blocked = true });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
