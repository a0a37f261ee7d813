using System.Net;
using System.Text.RegularExpressions;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Storefront;

/// <summary>
/// The reserved-seating page (/t/{tenant}/events/{id}/{occurrence}/seats) over HTTP like a browser without JavaScript:
/// the SVG map it draws, best available, and a seat taken by someone else between drawing and holding.
/// Section "A": rows A and B are the "front" zone sold online at €50, row C ("back") is not offered.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SeatMapPageTests(PlatformFixture fixture)
{
    [Fact]
    public async Task SeatsPage_DrawsEverySeat_WithItsPriceStateAndLabel()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        (await s.HoldSeatsAsync(s.FrontSeats[..1], "other@example.com")).EnsureSuccessStatusCode();
        using var buyer = fixture.CreateClient();

        var html = await buyer.GetStringAsync(SeatsUrl(s));

        Assert.Equal(12, SeatTag().Matches(html).Count);
        var held = Seat(html, s.FrontSeats[0]);
        Assert.Contains("class=\"seat taken\"", held, StringComparison.Ordinal);
        Assert.Contains("aria-disabled=\"true\"", held, StringComparison.Ordinal);
        var free = Seat(html, s.FrontSeats[1]);
        Assert.Contains("class=\"seat\"", free, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Section A, row A, seat 2, €50.00\"", free, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"0\"", free, StringComparison.Ordinal);
        Assert.Contains("aria-disabled=\"false\"", free, StringComparison.Ordinal);
        // Row C's zone is not sold online: drawn, but never choosable (the page script keeps it disabled too).
        var back = Seat(html, s.SectionA.Seats.First(x => x.Row == "C").Id);
        Assert.Contains("class=\"seat taken unsold\"", back, StringComparison.Ordinal);
        Assert.Contains("aria-disabled=\"true\"", back, StringComparison.Ordinal);
        Assert.Contains("front · €50.00", html, StringComparison.Ordinal);
        // The page script polls the public availability endpoint for this section.
        Assert.Contains($"data-poll=\"/api/v1/public/tenants/{s.Events.Tenant.Slug}/events/{s.Event.Id}/occurrences/{s.OccurrenceId}/availability?section={s.SectionA.Id}\"",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldingASeatTakenMeanwhile_Answers409_AndRedrawsItTaken_KeepingTheOtherChoice()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        using var buyer = fixture.CreateClient();
        var page = await buyer.GetStringAsync(SeatsUrl(s));
        (await s.HoldSeatsAsync(s.FrontSeats[1..2], "quick@example.com")).EnsureSuccessStatusCode();

        var answer = await PostAsync(buyer, s, page, "Seats", [("seat", s.FrontSeats[1].ToString()), ("seat", s.FrontSeats[2].ToString())]);
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("Someone else just took those seats", html, StringComparison.Ordinal);
        Assert.Contains("class=\"seat taken\"", Seat(html, s.FrontSeats[1]), StringComparison.Ordinal);
        Assert.Contains("class=\"seat chosen\"", Seat(html, s.FrontSeats[2]), StringComparison.Ordinal);
        Assert.Contains($"name=\"seat\" value=\"{s.FrontSeats[2]}\"", html, StringComparison.Ordinal);
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM holds WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task BestAvailable_WithoutJavaScript_HoldsAdjacentSeatsAndCheckoutNamesThem()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        using var buyer = fixture.CreateClient();
        var page = await buyer.GetStringAsync(SeatsUrl(s));

        var answer = await PostAsync(buyer, s, page, "Best", [("type", s.TicketTypeId.ToString()), ("quantity", "2")]);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var checkout = await buyer.GetStringAsync(answer.Headers.Location!.ToString());
        var seats = HeldSeat().Matches(checkout).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, seats.Count);
        Assert.Single(seats.Select(x => x.Split(" · ")[1]).Distinct());
        Assert.All(seats, x => Assert.StartsWith("Section A · ", x, StringComparison.Ordinal));
        Assert.Contains("€100.00", checkout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeatsOfAZoneNotSoldOnline_AreRefused_AndNothingIsHeld()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        using var buyer = fixture.CreateClient();
        var page = await buyer.GetStringAsync(SeatsUrl(s));
        var back = s.SectionA.Seats.First(x => x.Row == "C").Id;

        var answer = await PostAsync(buyer, s, page, "Seats", [("seat", back.ToString()), ("seat", Guid.NewGuid().ToString())]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("not for sale online", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM holds WHERE tenant_id = @t"));
    }

    private static string SeatsUrl(CheckoutScenario s) => $"/t/{s.Events.Tenant.Slug}/events/{s.Event.Id}/{s.OccurrenceId}/seats";

    /// <summary>Posts the page's form as a browser would: its antiforgery token, the section, an email and the given fields.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, CheckoutScenario s, string page, string handler, (string, string)[] fields)
    {
        var token = Token().Match(page).Groups[1].Value;
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("section", s.SectionA.Id.ToString()), new("Email", "buyer@example.com"),
        };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        return await client.PostAsync($"{SeatsUrl(s)}?handler={handler}", new FormUrlEncodedContent(form));
    }

    private static string Seat(string html, Guid id)
    {
        var at = html.IndexOf($"data-seat=\"{id}\"", StringComparison.Ordinal);
        Assert.True(at > 0, $"seat {id} is not on the map");
        var start = html.LastIndexOf("<g ", at, StringComparison.Ordinal);
        return html[start..html.IndexOf('>', at)];
    }

    [GeneratedRegex("<g class=\"seat[^\"]*\" data-seat=")]
    private static partial Regex SeatTag();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<li>(Section A · [^<]+)</li>")]
    private static partial Regex HeldSeat();
}
