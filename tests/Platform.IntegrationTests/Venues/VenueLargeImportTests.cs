using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using Platform.Venues;

namespace Platform.IntegrationTests.Venues;

[Collection(PlatformCollection.Name)]
public sealed class VenueLargeImportTests(PlatformFixture fixture)
{
    /// <summary>An export larger than the default 1 MiB body limit must still re-import: import has its own limit.</summary>
    [Fact]
    public async Task ImportVenue_ExportLargerThanDefaultBodyLimit_IsAccepted()
    {
        var tenant = await fixture.CreateTenantAsync("big");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        var venue = await (await owner.PostAsJsonAsync("/api/v1/venues", new { name = "Arena", address = "1 Ring Rd" })).ReadAsync<VenueResponse>();
        (await owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/price-zones", new { code = "std", name = "Standard", color = "#112233" })).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "BOWL", name = "Bowl", kind = "seated", priceZone = "std", grid = new { rows = 100, seatsPerRow = 200 },
        })).EnsureSuccessStatusCode();

        var export = await owner.GetStringAsync($"/api/v1/venues/{venue.Id}/export");
        Assert.True(Encoding.UTF8.GetByteCount(export) > 1024 * 1024, "the export should exceed the default body limit");
        var document = JsonNode.Parse(export)!;
        document["name"] = "Arena (copy)";

        var response = await owner.PostAsync("/api/v1/venues/import", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var imported = await response.ReadAsync<VenueResponse>();
        Assert.Equal("Arena (copy)", imported.Name);
    }
}
