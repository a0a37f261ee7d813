using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.WaitingRoom;

namespace Platform.IntegrationTests.WaitingRoom;

[Collection(PlatformCollection.Name)]
public sealed class RoomTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData(0, 100, "ratePerMinute")]
    [InlineData(1_000_000_000, 100, "ratePerMinute")]
    [InlineData(600, 0, "releasePercent")]
    [InlineData(600, 101, "releasePercent")]
    public async Task PutRoom_RateZeroOrAbsurdOrBadShare_422AndNoRoom(int rate, int percent, string field)
    {
        var s = await RoomScenario.CreateAsync(fixture);

        var problem = await (await s.PutAsync(new { ratePerMinute = rate, releasePercent = percent })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("validation_failed", problem.Code());
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Checkout.Owner.GetAsync(s.StaffUrl)).StatusCode);
    }

    [Fact]
    public async Task Hold_RoomOnWithoutPass_403WithRoomLink_AndAfterClose201()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 600 })).EnsureSuccessStatusCode();

        var problem = await (await s.Checkout.HoldGaAsync(1, "a@example.com")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(RoomGate.Code, problem.Code());
        Assert.Equal($"/t/{s.Checkout.Events.Tenant.Slug}/events/{s.EventId}/room", problem.GetProperty("room").GetString());
        (await s.Checkout.Owner.PostAsync(s.StaffUrl + "/close", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await s.Checkout.HoldGaAsync(1, "a@example.com")).StatusCode);
    }

    [Fact]
    public async Task Room_JoinPollClaimHold_HoldSucceedsAndPassCountsAsUsed()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 6000 })).EnsureSuccessStatusCode();
        var browser = s.Browser();

        var joined = await s.JoinAsync(browser);
        var pass = await s.AdmittedPassAsync(browser);
        var hold = await s.Checkout.HoldGaAsync(2, "a@example.com", browser);

        Assert.NotEqual(RoomPositionStates.Admitted, joined.Position.State); // nobody is admitted at the door
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);
        Assert.InRange(pass.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10.1));
        var figures = await s.FiguresAsync();
        Assert.Equal((1, 1, 1), (figures.Admitted, figures.PassesIssued, figures.PassesUsed));
    }

    [Fact]
    public async Task Hold_PassesThatMustNotOpenTheDoor_403Each()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 6000 })).EnsureSuccessStatusCode();
        var owner = s.Browser();
        var ticket = await s.JoinAsync(owner);
        var pass = await s.AdmittedPassAsync(owner);
        var claim = fixture.Factory.Services.GetRequiredService<RoomTokens>().ReadTicket(ticket.TicketToken)!;

        // Another event of the same tenant with its own room: the first event's pass must not open it.
        var other = await s.Checkout.Events.PublishedGaEventAsync(title: "Other", capacity: 10, startsAt: DateTimeOffset.UtcNow.AddDays(30));
        (await s.Checkout.Owner.PostAsync($"/api/v1/events/{other.Id}/open-sales", null)).EnsureSuccessStatusCode();
        (await s.Checkout.Owner.PutAsJsonAsync($"/api/v1/events/{other.Id}/waiting-room", new { ratePerMinute = 6000 })).EnsureSuccessStatusCode();
        var otherEvent = await (await s.Checkout.Owner.GetAsync($"/api/v1/events/{other.Id}")).ReadAsync<Platform.Events.EventResponse>();

        var expired = fixture.Factory.Services.GetRequiredService<RoomTokens>()
            .Pass(new PassClaim(claim.TenantId, s.EventId, claim.TicketId, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var anotherBrowser = s.Browser();
        await s.JoinAsync(anotherBrowser);

        async Task<string> HoldAsync(HttpClient client, string? passText, string? ticketText, Guid? eventId = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{s.Checkout.Prefix}/holds")
            {
                Content = JsonContent.Create(new
                {
                    eventId = eventId ?? s.EventId, occurrenceId = eventId is null ? s.Checkout.OccurrenceId : otherEvent.Occurrences[0].Id,
                    buyerEmail = "a@example.com",
                    lines = new[] { new { ticketTypeId = eventId is null ? s.Checkout.TicketTypeId : otherEvent.TicketTypes[0].Id, quantity = 1 } },
                }),
            };
            if (passText is not null)
            {
                request.Headers.Add(RoomGate.PassHeader, passText);
            }

            if (ticketText is not null)
            {
                request.Headers.Add(RoomGate.TicketHeader, ticketText);
            }

            var response = await client.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Created ? "created" : (await response.ProblemAsync(HttpStatusCode.Forbidden)).Code();
        }

        var bare = fixture.CreateClient();
        var forged = pass.Pass[..^4] + (pass.Pass.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        Assert.Equal(RoomGate.Code, await HoldAsync(bare, forged, ticket.TicketToken));
        Assert.Equal(RoomGate.Code, await HoldAsync(bare, ticket.TicketToken, ticket.TicketToken)); // a ticket token is no pass
        Assert.Equal(RoomGate.Code, await HoldAsync(bare, expired, ticket.TicketToken));
        Assert.Equal(RoomGate.Code, await HoldAsync(anotherBrowser, pass.Pass, null)); // replayed in a browser with its own ticket
        Assert.Equal(RoomGate.Code, await HoldAsync(bare, pass.Pass, null)); // replayed in a browser with no ticket
        Assert.Equal(RoomGate.Code, await HoldAsync(bare, pass.Pass, ticket.TicketToken, other.Id)); // another event
        Assert.Equal("created", await HoldAsync(bare, pass.Pass, ticket.TicketToken)); // the genuine pair, as an API client sends it
    }

    [Fact]
    public async Task PreOpeningArrivals_GetRandomPositionsAtOpening_LaterArrivalsQueueBehind()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 1, opensAt = DateTimeOffset.UtcNow.AddHours(1) })).EnsureSuccessStatusCode();
        const int n = 200;
        var early = s.Browser();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(RoomPositionStates.BeforeOpening, (await s.JoinAsync(i == 0 ? early : s.Browser())).Position.State);
        }

        (await s.PutAsync(new { ratePerMinute = 1, opensAt = DateTimeOffset.UtcNow })).EnsureSuccessStatusCode();
        for (var i = 0; i < 100 && !(await s.FiguresAsync()).Opened; i++)
        {
            await Task.Delay(100);
        }

        var late = await s.JoinAsync(s.Browser());
        var firstPoll = await s.PositionAsync(early);

        var tickets = await s.TicketsByArrivalAsync();
        var seqs = tickets.Take(n).Select(t => t.Seq!.Value).ToList();
        Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), seqs.Order());
        // Arrival rank vs position: a fair shuffle has a rank correlation near 0 (sd ~ 1/sqrt(n-1) = 0.07); FIFO has 1.
        var rho = Spearman(Enumerable.Range(1, n).Select(i => (double)i).ToList(), seqs.Select(x => (double)x).ToList());
        Assert.InRange(rho, -0.3, 0.3);
        Assert.Equal(n + 1, tickets[n].Seq);
        Assert.NotNull(firstPoll.TicketToken); // the first poll after opening hands out the token with its position
        Assert.NotNull(late.Position.Position);
    }

    [Fact]
    public async Task Admission_OnTwoNodes_WithinFivePercentOfTheRate()
    {
        _ = fixture.SecondNode.Server; // a second node runs its own admitter on the same database
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 1200, opensAt = DateTimeOffset.UtcNow.AddHours(1) })).EnsureSuccessStatusCode();
        await Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) => await s.JoinAsync(s.Browser()));
        (await s.PutAsync(new { ratePerMinute = 1200, opensAt = DateTimeOffset.UtcNow })).EnsureSuccessStatusCode();
        RoomResponse start;
        while (!(start = await s.FiguresAsync()).Opened || start.Admitted == 0)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(10));
        var end = await s.FiguresAsync();

        var perMinute = (end.Admitted - start.Admitted) / (end.AdmittedAsOf - start.AdmittedAsOf).TotalMinutes;
        Assert.InRange(perMinute, 1200 * 0.95, 1200 * 1.05);
        Assert.True(end.Waiting > 0, "the queue ran dry inside the window: the rate was not what limited admission");
    }

    private static double Spearman(List<double> x, List<double> y)
    {
        static List<double> Ranks(List<double> v)
        {
            var order = v.Select((value, i) => (value, i)).OrderBy(p => p.value).ToList();
            var ranks = new double[v.Count];
            for (var r = 0; r < order.Count; r++)
            {
                ranks[order[r].i] = r + 1;
            }

            return [.. ranks];
        }

        var (rx, ry) = (Ranks(x), Ranks(y));
        var (mx, my) = (rx.Average(), ry.Average());
        var cov = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
        return cov / Math.Sqrt(rx.Sum(a => (a - mx) * (a - mx)) * ry.Sum(b => (b - my) * (b - my)));
    }
}
