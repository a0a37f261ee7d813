using System.Net;
using System.Net.Http.Json;
using Platform.Events;
using Platform.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Holds;

[Collection(PlatformCollection.Name)]
public sealed class HoldConcurrencyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_300ParallelBuyersFor100Tickets_ExactlyHundredHeldAndDatabaseAgrees()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 100);

        var responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => s.HoldGaAsync(1, $"buyer{i}@example.com")));

        Assert.Equal(100, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(200, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var counter = await s.CounterAsync();
        Assert.Equal((100, 0, 0), (counter.Held, counter.Sold, counter.Available));
        Assert.Equal(100L, await s.ScalarAsync<long>("SELECT coalesce(sum(quantity), 0) FROM holds WHERE tenant_id = @t AND state = 'active'"));
    }

    [Fact]
    public async Task CreateHold_200ParallelBuyersForSameSeats_NoSeatHeldTwice()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var seats = s.FrontSeats;

        var picks = Enumerable.Range(0, 200).Select(i => new[] { seats[i % seats.Length], seats[(i * 3 + 1) % seats.Length] }.Distinct().ToArray()).ToList();
        var responses = await Task.WhenAll(picks.Select((p, i) => s.HoldSeatsAsync(p, $"seat{i}@example.com")));

        var won = new List<Guid>();
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            won.AddRange((await r.ReadAsync<HoldResponse>()).Lines.SelectMany(l => l.SeatIds));
        }

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.NotEmpty(won);
        Assert.Equal(won.Count, won.Distinct().Count());
        Assert.Equal((long)won.Count, await s.ScalarAsync<long>("SELECT count(*) FROM event_seats WHERE tenant_id = @t AND state = 'held'"));
        Assert.Equal(0L, await s.ScalarAsync<long>("""
            SELECT count(*) FROM event_seats es WHERE es.tenant_id = @t AND es.state = 'held'
              AND NOT EXISTS (SELECT 1 FROM hold_items i WHERE i.tenant_id = es.tenant_id AND i.hold_id = es.hold_id AND es.seat_id = ANY(i.seat_ids))
            """));
    }

    [Fact]
    public async Task CreateHold_ParallelBestAvailable_EverySeatOnceAndPairsAdjacent()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => s.HoldBestAsync(2, $"best{i}@example.com")));

        var holds = new List<HoldResponse>();
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            holds.Add(await r.ReadAsync<HoldResponse>());
        }

        // 8 front seats in two rows of 4: exactly four pairs, each side by side in one row.
        Assert.Equal(4, holds.Count);
        var seats = s.SectionA.Seats.ToDictionary(x => x.Id);
        var won = holds.SelectMany(h => h.Lines.SelectMany(l => l.SeatIds)).ToList();
        Assert.Equal(8, won.Distinct().Count());
        Assert.All(holds, h => Assert.Single(h.Lines[0].SeatIds.Select(id => seats[id].Row).Distinct()));
        Assert.Equal(8L, await s.ScalarAsync<long>("SELECT count(*) FROM event_seats WHERE tenant_id = @t AND state = 'held'"));
    }

    [Fact]
    public async Task CreateHold_ParallelHoldsBySameEmail_PerBuyerLimitHolds()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 100);

        // The default limit is 10 tickets per buyer and event; emails compare case-insensitively.
        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => s.HoldGaAsync(1, i % 2 == 0 ? "Fan@Example.com" : " fan@example.COM")));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("buyer_limit_reached", (await refused.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(10, (await s.CounterAsync()).Held);
    }

    [Fact]
    public async Task CreateHold_EventOwnBuyerLimit_HoldsUnderConcurrencyAndSingleHoldAboveIt409()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 100);
        var invalid = await s.Owner.PatchAsJsonAsync($"/api/v1/events/{s.Event.Id}", new { maxTicketsPerBuyer = 0 });
        Assert.Contains("maxTicketsPerBuyer", (await invalid.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var patched = await (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{s.Event.Id}", new { maxTicketsPerBuyer = 4 })).ReadAsync<EventResponse>();
        Assert.Equal(4, patched.MaxTicketsPerBuyer);

        var tooMany = await s.HoldGaAsync(5, "other@example.com");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => s.HoldGaAsync(1, "fan@example.com")));

        Assert.Equal("buyer_limit_reached", (await tooMany.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(8, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(4, (await s.CounterAsync()).Held);
    }
}
