using System.Diagnostics;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Outbox;

/// <summary>Each outbox consumer is a lane of its own: a stalled one never delays settlement or the others.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxLaneTests(PlatformFixture fixture)
{
    [Fact]
    public async Task StalledLane_OrdersPaid_SettlementAndWebhooksStillProgress()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 50);
        var tenantId = s.Events.Tenant.Id;
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        await RegisterAsync(s.Owner, receiver.Url, eventTypes: new[] { "order.paid" });
        GatedLane.Close(tenantId);
        try
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 3; i++)
            {
                var order = await s.PlaceAsync(quantity: 2, email: $"lane-{i}@example.com");
                (await s.PayAsync(order)).EnsureSuccessStatusCode();
            }

            // Settlement (its own lane) moves held → sold while the gated lane is still stuck on the first batch.
            var counter = await s.SettledCounterAsync();
            Assert.Equal(6, counter.Sold);
            await receiver.WaitForAsync(3, TimeSpan.FromSeconds(20));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"settlement took {watch.Elapsed}");
            Assert.False(GatedLane.Seen.ContainsKey(tenantId), "the gated lane must still be blocked");
        }
        finally
        {
            GatedLane.Open(tenantId);
        }

        // Once unblocked, the slow lane catches up from its own position: nothing was skipped for it. The runner goes
        // round again for the notifications that arrived while it was stalled (LaneRuns); the generous deadline is
        // for a loaded CI machine, not for a sweep.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (GatedLane.Seen.GetValueOrDefault(tenantId)?.Count(t => t == "order.paid") ?? 0) < 3)
        {
            await Task.Delay(100);
        }

        Assert.Equal(3, GatedLane.Seen[tenantId].Count(t => t == "order.paid"));
        Assert.Equal(3, GatedLane.Seen[tenantId].Count(t => t == "order.created"));
    }
}
