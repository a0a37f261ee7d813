using System.Net;
using System.Net.Http.Json;
using Platform.Auditing;
using Platform.Http;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;
using Platform.Venues;

namespace Platform.IntegrationTests.Venues;

[Collection(PlatformCollection.Name)]
public sealed class VenueApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task AddSection_SeatedGrid_CreatesSeatsWithLabelsGeometryGapsAndFlags()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await (await s.Owner.PostAsJsonAsync("/api/v1/venues", new { name = "Theatre" })).ReadAsync<VenueResponse>();
        (await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/price-zones", new { code = "std", name = "Standard" })).EnsureSuccessStatusCode();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "ST", name = "Stalls", kind = "seated", priceZone = "std",
            grid = new
            {
                rows = 2, seatsPerRow = 5, firstSeatNumber = 1, originX = 10.0, originY = 20.0, seatSpacing = 2.0, rowSpacing = 3.0,
                gaps = new[] { new { row = "A", seat = "3" } },
                accessible = new[] { new { row = "B", seat = "1" } },
                restrictedView = new[] { new { row = "B", seat = "5" } },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var section = await response.ReadAsync<SectionResponse>();
        Assert.Equal(9, section.Capacity);
        Assert.Equal(4, section.Outline.Count);
        var map = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<VenueMapResponse>();
        var seats = Assert.Single(map.Sections).Seats;
        Assert.Equal(9, seats.Count);
        Assert.DoesNotContain(seats, x => x.Row == "A" && x.Seat == "3");
        var a4 = seats.Single(x => x.Row == "A" && x.Seat == "4");
        Assert.Equal((16.0, 20.0), (a4.X, a4.Y));
        var b1 = seats.Single(x => x.Row == "B" && x.Seat == "1");
        Assert.Equal((10.0, 23.0), (b1.X, b1.Y));
        Assert.True(b1.Accessible);
        Assert.True(seats.Single(x => x.Row == "B" && x.Seat == "5").RestrictedView);
        Assert.Equal(2, seats.Count(x => x.Accessible || x.RestrictedView));
        Assert.All(seats, x => Assert.Equal(map.PriceZones.Single().Id, x.PriceZoneId));
    }

    [Fact]
    public async Task AddSection_DuplicateSeatLabels_Returns422NamingTheSeatAndSavesNothing()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await (await s.Owner.PostAsJsonAsync("/api/v1/venues", new { name = "Club" })).ReadAsync<VenueResponse>();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "B", name = "Balcony", kind = "seated",
            seats = new[] { new { row = "A", seat = "1", x = 0.0, y = 0.0 }, new { row = "A", seat = "2", x = 1.0, y = 0.0 }, new { row = "A", seat = "1", x = 2.0, y = 0.0 } },
        });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("seats[2]", problem.ErrorFields());
        var after = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}")).ReadAsync<VenueResponse>();
        Assert.Empty(after.Sections);
    }

    [Fact]
    public async Task AddSection_DuplicateRowLabels_Returns422NamingTheRow()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await (await s.Owner.PostAsJsonAsync("/api/v1/venues", new { name = "Club" })).ReadAsync<VenueResponse>();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "B", name = "Balcony", kind = "seated", grid = new { rows = 2, seatsPerRow = 3, rowLabels = new[] { "A", "A" } },
        });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("grid.rowLabels[1]", problem.ErrorFields());
    }

    [Fact]
    public async Task AddSection_ExistingCode_Returns409NamingCode()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new { code = "PIT", name = "Pit 2", kind = "general_admission", capacity = 5 });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("section_code_taken", problem.Code());
        Assert.Contains("code", problem.ErrorFields());
    }

    [Fact]
    public async Task AddSection_UnknownPriceZone_Returns422NamingPriceZone()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "C", name = "C", kind = "seated", priceZone = "gold", grid = new { rows = 1, seatsPerRow = 2 },
        });

        Assert.Contains("priceZone", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Theory]
    [InlineData("general_admission", null, "capacity")]
    [InlineData("seated", null, "grid")]
    [InlineData(null, 5, "kind")]
    public async Task AddSection_InvalidShape_Returns422NamingTheField(string? kind, int? capacity, string field)
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new { code = "X", name = "X", kind, capacity });

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task CreateVenue_DuplicateName_Returns409()
    {
        var s = await EventScenario.CreateAsync(fixture);
        await s.CreateVenueAsync("Arena");

        var problem = await (await s.Owner.PostAsJsonAsync("/api/v1/venues", new { name = "Arena" })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("venue_name_taken", problem.Code());
        Assert.Contains("name", problem.ErrorFields());
    }

    [Fact]
    public async Task AddPriceZone_DuplicateCode_Returns409()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/price-zones", new { code = "front", name = "Again" });

        Assert.Equal("price_zone_code_taken", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task GetVenue_ReturnsZonesSectionsAndCounts()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();

        Assert.Equal(12, venue.SeatCount);
        Assert.Equal(100, venue.GeneralAdmissionCapacity);
        Assert.Equal(["back", "front"], venue.PriceZones.Select(z => z.Code).Order());
        var list = await (await s.Owner.GetAsync("/api/v1/venues")).ReadAsync<CursorPage<VenueSummaryResponse>>();
        Assert.Equal(venue.Id, Assert.Single(list.Data).Id);
    }

    [Fact]
    public async Task AssignPriceZone_Rows_ChangesOnlyThoseSeats()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var section = venue.Sections.Single(x => x.Code == "A");
        var front = venue.PriceZones.Single(z => z.Code == "front").Id;

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections/{section.Id}/price-zone", new { priceZone = "front", rows = new[] { "C" } });

        response.EnsureSuccessStatusCode();
        var map = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<VenueMapResponse>();
        Assert.All(map.Sections.Single(x => x.Code == "A").Seats, seat => Assert.Equal(front, seat.PriceZoneId));
    }

    [Fact]
    public async Task ExportThenImport_RoundTripsEverySeat()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync("Original");
        var document = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/export")).ReadAsync<VenueDocument>();

        var response = await s.Owner.PostAsJsonAsync("/api/v1/venues/import", document with { Name = "Copy" }, ApiClientExtensions.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copy = await response.ReadAsync<VenueResponse>();
        Assert.Equal(12, copy.SeatCount);
        Assert.Equal(100, copy.GeneralAdmissionCapacity);
        var original = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<VenueMapResponse>();
        var copied = await (await s.Owner.GetAsync($"/api/v1/venues/{copy.Id}/map")).ReadAsync<VenueMapResponse>();
        string Describe(VenueMapResponse m) => string.Join(";", m.Sections.OrderBy(x => x.Code).SelectMany(x => x.Seats.Select(seat =>
            $"{x.Code}/{seat.Row}{seat.Seat}@{seat.X},{seat.Y}:{m.PriceZones.Single(z => z.Id == seat.PriceZoneId).Code}")));
        Assert.Equal(Describe(original), Describe(copied));
    }

    [Fact]
    public async Task Import_DuplicateSeatInDocument_Returns422AndCreatesNoVenue()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var document = new
        {
            name = "Broken",
            priceZones = Array.Empty<object>(),
            sections = new[]
            {
                new { code = "S", name = "S", kind = "seated", seats = new[] { new { row = "A", seat = "1", x = 0.0, y = 0.0 }, new { row = "A", seat = "1", x = 1.0, y = 0.0 } } },
            },
        };

        var problem = await (await s.Owner.PostAsJsonAsync("/api/v1/venues/import", document)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("sections[0].seats[1]", problem.ErrorFields());
        var list = await (await s.Owner.GetAsync("/api/v1/venues")).ReadAsync<CursorPage<VenueSummaryResponse>>();
        Assert.Empty(list.Data);
    }

    [Fact]
    public async Task VenueEndpoints_AnotherTenantsVenue_Return404()
    {
        var owner = await EventScenario.CreateAsync(fixture);
        var venue = await owner.CreateVenueAsync();
        var section = venue.Sections.First();
        var other = await EventScenario.CreateAsync(fixture);

        foreach (var path in new[] { "", "/map", "/export" })
        {
            await (await other.Owner.GetAsync($"/api/v1/venues/{venue.Id}{path}")).ProblemAsync(HttpStatusCode.NotFound);
        }

        await (await other.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/price-zones", new { code = "x", name = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new { code = "X", name = "X", kind = "general_admission", capacity = 1 }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections/{section.Id}/price-zone", new { priceZone = "front" }))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateVenue_ReadOnlyRole_Returns403()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var analyst = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "analyst"));

        var response = await analyst.PostAsJsonAsync("/api/v1/venues", new { name = "Nope" });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        (await analyst.GetAsync("/api/v1/venues")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task CreateVenue_IsAudited()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();

        var audit = await (await s.Owner.GetAsync($"/api/v1/audit-log?entityType=venue&entityId={venue.Id}")).ReadAsync<CursorPage<AuditEntryResponse>>();

        Assert.Contains(audit.Data, e => e.Action == "venue.created");
        Assert.Contains(audit.Data, e => e.Action == "venue.section_added");
    }
}
