using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Observability;
using Platform.WaitingRoom;

namespace Platform.IntegrationTests.WaitingRoom;

/// <summary>The waiting room's figures at /metrics after a scripted room: what the promoter sees, as Prometheus reads it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RoomMetricsTests(PlatformFixture fixture)
{
    [Fact]
    public async Task ScriptedRoom_FourArrivalsHalfReleased_MetricsShowQueueAdmittedPassesAndRate()
    {
        var s = await RoomScenario.CreateAsync(fixture);
        // Grey release at 50%: of four arrivals two are admitted, two wait for the next share (queued, not admittable).
        (await s.PutAsync(new { ratePerMinute = 6000, releasePercent = 50 })).EnsureSuccessStatusCode();
        var browsers = Enumerable.Range(0, 4).Select(_ => s.Browser()).ToList();
        foreach (var browser in browsers)
        {
            await s.JoinAsync(browser);
        }

        var admitted = new List<HttpClient>();
        for (var i = 0; i < 100 && admitted.Count < 2; i++)
        {
            await Task.Delay(100);
            admitted = [];
            foreach (var browser in browsers)
            {
                if ((await s.PositionAsync(browser)).State == RoomPositionStates.Admitted)
                {
                    admitted.Add(browser);
                }
            }
        }

        Assert.Equal(2, admitted.Count);
        foreach (var browser in admitted)
        {
            await s.AdmittedPassAsync(browser);
        }

        (await s.Checkout.HoldGaAsync(1, "a@example.com", admitted[0])).EnsureSuccessStatusCode();
        await fixture.Factory.Services.GetRequiredService<RoomMetrics>().RefreshAsync(default);

        using var admin = fixture.CreateClient();
        var text = await Scrape.TextAsync(admin);
        var room = ("event", s.EventId.ToString());
        Assert.Equal(2, Scrape.Sum(text, "platform_waiting_room_queue_length", room));
        Assert.Equal(0, Scrape.Sum(text, "platform_waiting_room_admittable", room));
        Assert.Equal(2, Scrape.Sum(text, "platform_waiting_room_admitted_total", room));
        Assert.Equal(2, Scrape.Sum(text, "platform_waiting_room_passes_issued_total", room));
        Assert.Equal(1, Scrape.Sum(text, "platform_waiting_room_passes_used_total", room));
        Assert.Equal(0, Scrape.Sum(text, "platform_waiting_room_passes_abandoned_total", room));
        Assert.Equal(6000, Scrape.Sum(text, "platform_waiting_room_rate_per_minute", room));
        Assert.Equal(1, Scrape.Sum(text, "platform_waiting_room_open", room));

        // Closed, the room's series stop at the next sample.
        (await s.Checkout.Owner.PostAsync(s.StaffUrl + "/close", null)).EnsureSuccessStatusCode();
        await fixture.Factory.Services.GetRequiredService<RoomMetrics>().RefreshAsync(default);
        Assert.DoesNotContain(s.EventId.ToString(), await Scrape.TextAsync(admin), StringComparison.Ordinal);
    }
}
