using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Events;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Venues;

namespace Platform.IntegrationTests.Venues;

/// <summary>The seat-map editor's API: numbering schemes and curved rows, painting seats, kill seats, deleting sections.</summary>
[Collection(PlatformCollection.Name)]
public sealed class VenueEditingTests(PlatformFixture fixture)
{
    [Fact]
    public async Task AddSection_OddEvenNumbersAndNumberedRows_LabelsFromTheCentreOutwards()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await (await s.Owner.PostAsJsonAsync("/api/v1/venues", new { name = "Opera" })).ReadAsync<VenueResponse>();

        (await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "P", name = "Parterre", kind = "seated",
            grid = new { rows = 2, seatsPerRow = 5, rowLabelScheme = "numbers", numbering = "odd_even" },
        })).EnsureSuccessStatusCode();
        (await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", new
        {
            code = "R", name = "Rang", kind = "seated", grid = new { rows = 1, seatsPerRow = 3, firstSeatNumber = 10, numbering = "right_to_left", originY = 10.0 },
        })).EnsureSuccessStatusCode();

        var map = await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<VenueMapResponse>();
        var parterre = map.Sections.Single(x => x.Code == "P").Seats;
        Assert.Equal(["1", "2"], parterre.Select(x => x.Row).Distinct());
        // Left to right on the map: 5 3 1 | 2 4 (odd to the left of the centre, even to the right).
        Assert.Equal(["5", "3", "1", "2", "4"], parterre.Where(x => x.Row == "1").OrderBy(x => x.X).Select(x => x.Seat));
        Assert.Equal(["12", "11", "10"], map.Sections.Single(x => x.Code == "R").Seats.OrderBy(x => x.X).Select(x => x.Seat));
    }

    [Fact]
    public async Task PreviewSection_CurvedGrid_MatchesWhatAddingSavesAndBendsTheRowsTowardsTheStage()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await (await s.Owner.PostAsJsonAsync("/api/v1/venues", new { name = "Amphitheatre" })).ReadAsync<VenueResponse>();
        var section = new
        {
            code = "C", name = "Curve", kind = "seated",
            grid = new { rows = 3, seatsPerRow = 9, curvatureDegrees = 60.0, originX = 5.0, originY = 5.0 },
        };

        var preview = await (await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections/preview", section)).ReadAsync<SectionPreviewResponse>();
        Assert.Empty((await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}")).ReadAsync<VenueResponse>()).Sections);
        (await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections", section)).EnsureSuccessStatusCode();

        var saved = (await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/map")).ReadAsync<VenueMapResponse>()).Sections.Single();
        Assert.Equal(preview.Seats.Select(x => (x.Row, x.Seat, x.X, x.Y)), saved.Seats.Select(x => (x.Row, x.Seat, x.X, x.Y)));
        Assert.Equal(preview.Outline, saved.Outline);
        Assert.True(saved.Outline.Count > 4, "a curved section's outline follows the arc");
        var rowA = saved.Seats.Where(x => x.Row == "A").OrderBy(x => x.X).ToList();
        // The middle seat sits where a straight row's would; the ends bend towards the stage (smaller y), symmetrically.
        Assert.Equal((9.0, 5.0), (rowA[4].X, rowA[4].Y));
        Assert.True(rowA[0].Y < rowA[4].Y - 1);
        Assert.Equal(rowA[0].Y, rowA[8].Y, 3);
    }

    [Fact]
    public async Task UpdateSeats_PaintsZoneAndFlags_ExportKeepsThem_AndAStaleVersionIs409WithNothingChanged()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var map = await MapAsync(s.Owner, venue.Id);
        var rowC = map.Sections.Single(x => x.Code == "A").Seats.Where(x => x.Row == "C").Select(x => x.Id).ToArray();

        var response = await Patch(s.Owner, venue.Id, new { seatIds = rowC[..2], priceZone = "front", accessible = true }, map.Version);
        var first = await response.ReadAsync<UpdateSeatsResponse>();
        Assert.Equal(2, first.Updated);
        Assert.NotEqual(map.Version, first.Version);
        (await Patch(s.Owner, venue.Id, new { seatIds = rowC[3..], blocked = true, restrictedView = true }, first.Version)).EnsureSuccessStatusCode();

        // A second editor still holding the first version: refused, nothing of theirs written.
        var stale = await (await Patch(s.Owner, venue.Id, new { seatIds = rowC, priceZone = "back", accessible = false }, map.Version))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("version_mismatch", stale.Code());

        var after = await MapAsync(s.Owner, venue.Id);
        var seats = after.Sections.Single(x => x.Code == "A").Seats.Where(x => x.Row == "C").ToList();
        var front = after.PriceZones.Single(z => z.Code == "front").Id;
        Assert.Equal([true, true, false, false], seats.Select(x => x.Accessible));
        Assert.Equal([front, front], seats.Take(2).Select(x => x.PriceZoneId));
        Assert.Equal([false, false, false, true], seats.Select(x => x.Blocked));
        Assert.True(seats[3].RestrictedView);

        var exported = JsonNode.Parse(await (await s.Owner.GetAsync($"/api/v1/venues/{venue.Id}/export")).Content.ReadAsStringAsync())!;
        exported["name"] = "Copy";
        var imported = await (await s.Owner.PostAsync("/api/v1/venues/import",
            new StringContent(exported.ToJsonString(), Encoding.UTF8, "application/json"))).ReadAsync<VenueResponse>();
        var copy = (await MapAsync(s.Owner, imported.Id)).Sections.Single(x => x.Code == "A").Seats.Where(x => x.Row == "C").ToList();
        Assert.Equal([false, false, false, true], copy.Select(x => x.Blocked));
        Assert.Equal([true, true, false, false], copy.Select(x => x.Accessible));
    }

    [Fact]
    public async Task BlockedSeat_IsBlockedInExistingAndNewOccurrences_AndCannotBeHeld()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var venueId = s.Map!.VenueId;
        var kill = s.FrontSeats[0];

        (await Patch(s.Owner, venueId, new { seatIds = new[] { kill }, blocked = true }, null)).EnsureSuccessStatusCode();

        var refused = await (await s.HoldSeatsAsync([kill], "buyer@example.com")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("seats_unavailable", refused.Code());
        var inventory = await (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}/occurrences/{s.OccurrenceId}/inventory"))
            .ReadAsync<OccurrenceInventoryResponse>();
        Assert.Equal(1, inventory.Sections.Single(x => x.SectionId == s.SectionA.Id).Blocked);

        // An occurrence added later starts with the kill seat blocked.
        var start = s.Event.Occurrences[0].StartsAt.AddDays(1);
        var later = await (await s.Owner.PostAsJsonAsync($"/api/v1/events/{s.Event.Id}/occurrences", new
        {
            doorsAt = start.AddHours(-1), startsAt = start, endsAt = start.AddHours(3),
        })).ReadAsync<OccurrenceResponse>();
        var laterInventory = await (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}/occurrences/{later.Id}/inventory"))
            .ReadAsync<OccurrenceInventoryResponse>();
        Assert.Equal(1, laterInventory.Sections.Single(x => x.SectionId == s.SectionA.Id).Blocked);

        // Releasing it puts it back on sale.
        (await Patch(s.Owner, venueId, new { seatIds = new[] { kill }, blocked = false }, null)).EnsureSuccessStatusCode();
        Assert.True((await s.HoldSeatsAsync([kill], "buyer@example.com")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task BlockSeats_HeldInAnOccurrence_Returns409AndChangesNothing()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        (await s.HoldSeatsAsync(s.FrontSeats[..1], "buyer@example.com")).EnsureSuccessStatusCode();

        var problem = await (await Patch(s.Owner, s.Map!.VenueId, new { seatIds = s.FrontSeats[..2], blocked = true }, null))
            .ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("seats_in_use", problem.Code());
        Assert.Contains("seatIds", problem.ErrorFields());
        var seats = (await MapAsync(s.Owner, s.Map.VenueId)).Sections.Single(x => x.Code == "A").Seats;
        Assert.DoesNotContain(seats, x => x.Blocked);
    }

    [Fact]
    public async Task DeleteSection_HeldInAnOccurrence_Is409_FreeSectionIsDeletedWithItsSeats()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var venueId = s.Map!.VenueId;
        (await s.HoldSeatsAsync(s.FrontSeats[..1], "buyer@example.com")).EnsureSuccessStatusCode();

        var problem = await (await s.Owner.DeleteAsync($"/api/v1/venues/{venueId}/sections/{s.SectionA.Id}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("section_in_use", problem.Code());
        Assert.Equal(12, (await MapAsync(s.Owner, venueId)).Sections.Single(x => x.Code == "A").Seats.Count);

        // A fresh venue's section that no event uses goes, seats and all; a stale If-Match is refused first.
        var venue = await s.Events.CreateVenueAsync("Second hall");
        var map = await MapAsync(s.Owner, venue.Id);
        var section = map.Sections.Single(x => x.Code == "A");
        (await Patch(s.Owner, venue.Id, new { seatIds = new[] { section.Seats[0].Id }, accessible = true }, null)).EnsureSuccessStatusCode();
        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/venues/{venue.Id}/sections/{section.Id}");
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{map.Version}\"");
        Assert.Equal("version_mismatch", (await (await s.Owner.SendAsync(stale)).ProblemAsync(HttpStatusCode.Conflict)).Code());

        Assert.Equal(HttpStatusCode.NoContent, (await s.Owner.DeleteAsync($"/api/v1/venues/{venue.Id}/sections/{section.Id}")).StatusCode);
        Assert.DoesNotContain((await MapAsync(s.Owner, venue.Id)).Sections, x => x.Code == "A");
    }

    [Fact]
    public async Task EditingEndpoints_OtherTenant404_ReadOnlyRoles403_BadInput422NamingTheField()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var venue = await s.CreateVenueAsync();
        var map = await MapAsync(s.Owner, venue.Id);
        var section = map.Sections.Single(x => x.Code == "A");
        var seatIds = new[] { section.Seats[0].Id };
        var preview = new { code = "X", name = "X", kind = "seated", grid = new { rows = 1, seatsPerRow = 2 } };

        var other = await EventScenario.CreateAsync(fixture);
        await (await Patch(other.Owner, venue.Id, new { seatIds, accessible = true }, null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Owner.DeleteAsync($"/api/v1/venues/{venue.Id}/sections/{section.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections/preview", preview)).ProblemAsync(HttpStatusCode.NotFound);
        // Another tenant's seat ids in one's own venue are not its seats either.
        var otherVenue = await other.CreateVenueAsync();
        var foreign = await (await Patch(other.Owner, otherVenue.Id, new { seatIds, accessible = true }, null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("seatIds", foreign.ErrorFields());

        foreach (var role in new[] { "analyst", "box_office" })
        {
            using var client = fixture.CreateClient(TestCaller.TenantMember(s.Tenant.Id, role));
            await (await Patch(client, venue.Id, new { seatIds, accessible = true }, null)).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync($"/api/v1/venues/{venue.Id}/sections/{section.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections/preview", preview)).ProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Contains("seatIds", (await (await Patch(s.Owner, venue.Id, new { seatIds = Array.Empty<Guid>(), accessible = true }, null))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("priceZone", (await (await Patch(s.Owner, venue.Id, new { seatIds }, null))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("priceZone", (await (await Patch(s.Owner, venue.Id, new { seatIds, priceZone = "nope" }, null))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("seatIds", (await (await Patch(s.Owner, venue.Id, new { seatIds = new[] { Guid.NewGuid() }, accessible = true }, null))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        using var badIfMatch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/venues/{venue.Id}/seats") { Content = JsonContent.Create(new { seatIds, accessible = true }) };
        badIfMatch.Headers.TryAddWithoutValidation("If-Match", "yesterday");
        Assert.Equal("invalid_if_match", (await (await s.Owner.SendAsync(badIfMatch)).ProblemAsync(HttpStatusCode.BadRequest)).Code());
        var curved = new { code = "X", name = "X", kind = "seated", grid = new { rows = 1, seatsPerRow = 2, curvatureDegrees = 400.0, numbering = "zigzag" } };
        var bad = await (await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections/preview", curved)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.Code());
        var tooCurved = new { code = "X", name = "X", kind = "seated", grid = new { rows = 1, seatsPerRow = 2, curvatureDegrees = 400.0 } };
        Assert.Contains("grid.curvatureDegrees", (await (await s.Owner.PostAsJsonAsync($"/api/v1/venues/{venue.Id}/sections/preview", tooCurved))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    private static async Task<VenueMapResponse> MapAsync(HttpClient client, Guid venueId) =>
        await (await client.GetAsync($"/api/v1/venues/{venueId}/map")).ReadAsync<VenueMapResponse>();

    private static Task<HttpResponseMessage> Patch(HttpClient client, Guid venueId, object body, uint? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/venues/{venueId}/seats") { Content = JsonContent.Create(body) };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        return client.SendAsync(request);
    }
}
