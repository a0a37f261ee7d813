using System.Net;
using Platform.IntegrationTests.Infrastructure;
using Platform.WaitingRoom;

namespace Platform.IntegrationTests.WaitingRoom;

/// <summary>Automatic switch-on: an armed room turns itself on when public holds pass its threshold, and says so.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RoomAutoOnTests(PlatformFixture fixture)
{
    [Fact]
    public async Task ArmedRoom_HoldsBurstOverThreshold_RoomTurnsItselfOn_LaterHoldsNeedAPass_AuditedAndAnnounced()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        var armed = await (await s.PutAsync(new { ratePerMinute = 600, autoOnPerSecond = 5 })).ReadAsync<RoomResponse>();
        Assert.Equal((RoomStates.Armed, (int?)5), (armed.State, armed.AutoOnPerSecond));
        Assert.Equal(HttpStatusCode.Created, (await s.Checkout.HoldGaAsync(1, "early@example.com")).StatusCode); // armed: no pass needed

        // 30 buyers at once: far over 5 holds per second on this node.
        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => s.Checkout.HoldGaAsync(1, $"fan{i}@example.com")));

        Assert.Contains(burst, r => r.StatusCode == HttpStatusCode.Forbidden);
        Assert.Equal(RoomStates.Open, (await s.FiguresAsync()).State);
        var after = await (await s.Checkout.HoldGaAsync(1, "late@example.com")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(RoomGate.Code, after.Code());
        // A buyer can now queue: the room admits at its rate.
        var browser = s.Browser();
        await s.JoinAsync(browser);
        await s.AdmittedPassAsync(browser);
        Assert.Equal(HttpStatusCode.Created, (await s.Checkout.HoldGaAsync(1, "queued@example.com", browser)).StatusCode);
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'waiting_room.switched_on' AND entity_id = '{s.EventId}'"));
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox_messages WHERE type = 'waiting_room.switched_on' AND payload::jsonb ->> 'eventId' = '{s.EventId}'"));
    }

    [Fact]
    public async Task ArmedRoom_TrafficUnderThreshold_StaysArmed_HoldsNeedNoPass_PauseRefused()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        (await s.PutAsync(new { ratePerMinute = 600, autoOnPerSecond = 1000 })).EnsureSuccessStatusCode();

        foreach (var i in Enumerable.Range(0, 5))
        {
            Assert.Equal(HttpStatusCode.Created, (await s.Checkout.HoldGaAsync(1, $"calm{i}@example.com")).StatusCode);
        }

        Assert.Equal(RoomStates.Armed, (await s.FiguresAsync()).State);
        Assert.Equal("waiting_room_closed", (await (await s.Checkout.Owner.PostAsync(s.StaffUrl + "/pause", null)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        var bad = await s.PutAsync(new { ratePerMinute = 600, autoOnPerSecond = 0 });
        Assert.Contains("autoOnPerSecond", (await bad.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        // Switched on by hand, it is on at once.
        Assert.Equal(RoomStates.Open, (await (await s.PutAsync(new { ratePerMinute = 600 })).ReadAsync<RoomResponse>()).State);
    }
}
