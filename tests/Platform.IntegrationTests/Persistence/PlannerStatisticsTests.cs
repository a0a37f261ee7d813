using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Events;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Venues;

namespace Platform.IntegrationTests.Persistence;

/// <summary>
/// A new tenant's seat map is planned with real row counts the moment it exists (ADR 0018): without fresh statistics
/// the planner estimates one row for the new tenant and S2's free-seat read took ~17 s per call.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PlannerStatisticsTests(PlatformFixture fixture)
{
    [Fact]
    public async Task NewTenantsSeatMap_IsEstimatedWithItsRealSize_AsSoonAsItIsCreated()
    {
        var events = await EventScenario.CreateAsync(fixture);
        var venue = await (await events.Owner.PostAsJsonAsync("/api/v1/venues", new { name = "Arena", address = "1 Main St" })).ReadAsync<VenueResponse>();
        (await events.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/price-zones", new { code = "all", name = "All", color = "#112233" }))
            .EnsureSuccessStatusCode();
        (await events.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "A", name = "Section A", kind = "seated", priceZone = "all", grid = new { rows = 40, seatsPerRow = 50 },
        })).EnsureSuccessStatusCode();
        var ev = await events.CreateEventAsync(venue.Id);
        var zone = (await (await events.Owner.GetAsync($"/api/v1/venues/{venue.Id}")).ReadAsync<VenueResponse>()).PriceZones.Single().Id;
        await events.AddSeatedTicketAsync(ev.Id, zone);

        await using var connection = new NpgsqlConnection(fixture.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var scope = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t::text, false)", connection))
        {
            scope.Parameters.AddWithValue("t", events.Tenant.Id);
            await scope.ExecuteScalarAsync();
        }

        var seats = await EstimatedRowsAsync(connection, "SELECT * FROM seats WHERE tenant_id = @t", events.Tenant.Id);
        var seatStates = await EstimatedRowsAsync(connection, "SELECT * FROM event_seats WHERE tenant_id = @t", events.Tenant.Id);

        // 2,000 seats written; a stale estimate is 1 row. The sample is statistical, so allow a wide margin.
        Assert.InRange(seats, 1_000, 4_000);
        Assert.InRange(seatStates, 1_000, 4_000);
    }

    private static async Task<double> EstimatedRowsAsync(NpgsqlConnection connection, string sql, Guid tenantId)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {sql}", connection);
        command.Parameters.AddWithValue("t", tenantId);
        using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        return plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }
}
