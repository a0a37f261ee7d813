using System.Diagnostics;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Outbox;

/// <summary>
/// A lane reads only events below the horizon (the oldest writing transaction still running). An event committed
/// while an older transaction, of any tenant, is still open is held back, and the notification its commit sent is
/// spent on a read that cannot see it. It must go out as soon as that older transaction ends, not at the next sweep
/// (a CI run once waited more than 10 s for a paid hold to settle).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HeldBackEventsTests(PlatformFixture fixture)
{
    /// <summary>
    /// The sweep runs every 2 s in the tests, so an event left to it arrives 0–2 s (plus the sweep's lag) after the older
    /// transaction ends: below this bound less than a third of the time, so in all five rounds well under one time in
    /// a hundred. Woken by the horizon watch it took 100–300 ms here (the receiver polls every 100 ms).
    /// </summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Event_CommittedWhileOlderTransactionRuns_DeliveredPromptlyWhenItEnds()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        await RegisterAsync(admin, receiver.Url);

        // One event first, not measured: the rounds time the wake-up, not the first fan-out's start-up.
        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "warm-up" });
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(15));

        // Five rounds: with the event left to the sweep, each would be prompt only by the luck of the sweep's timing.
        var late = new List<TimeSpan>();
        for (var round = 1; round <= 5; round++)
        {
            await using var older = new NpgsqlConnection(fixture.SuperuserConnectionString);
            await older.OpenAsync();
            var transaction = await older.BeginTransactionAsync();
            // Writing transactions hold the horizon back: taking a transaction id is what makes one count.
            await using (var takeId = new NpgsqlCommand("SELECT pg_current_xact_id()", older, transaction))
            {
                await takeId.ExecuteScalarAsync();
            }

            await EmitAsync(fixture, tenantId, "order.paid", new { orderId = $"round-{round}" });
            // Held for a different time each round, so the rounds do not fall into step with the 2 s sweep.
            await Task.Delay(700 + (370 * round));
            Assert.True(receiver.Received.Count == round, $"round {round}: the event went out while an older transaction ran");

            var ended = Stopwatch.StartNew();
            await transaction.RollbackAsync();
            await receiver.WaitForAsync(round + 1, TimeSpan.FromSeconds(15));
            late.Add(ended.Elapsed);
        }

        Assert.True(late.All(t => t < Prompt), $"delivered {string.Join(", ", late.Select(t => $"{t.TotalMilliseconds:F0} ms"))} after the older transaction ended");
    }
}
