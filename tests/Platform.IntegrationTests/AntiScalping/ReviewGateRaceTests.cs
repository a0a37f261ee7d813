using Npgsql;
using Platform.AntiScalping;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.AntiScalping;

/// <summary>
/// ADR 0069: the review gate is a column of the statement that marks the order paid. That statement's snapshot is
/// taken before it waits for the order's lock, so an approval committed during the wait must still be seen — as it was
/// when the gate was a separate read after the lock — or the approved order's tickets are kept back for ever.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReviewGateRaceTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Pay_WaitingOnTheOrderLockOfAnApproval_IssuesTheTickets()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("review", threshold: 0f)).EnsureSuccessStatusCode();
        var order = await s.PlaceAsync("ada@example.org", "198.51.100.30", quantity: 2);
        Assert.Equal(ReviewStates.Pending, await s.Checkout.ScalarAsync<string>(
            $"SELECT review FROM order_risks WHERE tenant_id = @t AND order_id = '{order.Id}'"));

        // An approval as ReviewService makes it: the order row locked first, then the verdict, then COMMIT.
        await using var approval = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await approval.OpenAsync();
        await using var transaction = await approval.BeginTransactionAsync();
        await ExecuteAsync(approval, $"SELECT 1 FROM orders WHERE id = '{order.Id}' FOR UPDATE");

        var paying = s.Checkout.PayAsync(order);
        await WaitForLockWaitAsync(paying);
        await ExecuteAsync(approval, $"UPDATE order_risks SET review = '{ReviewStates.Approved}' WHERE order_id = '{order.Id}'");
        await transaction.CommitAsync();

        (await paying).EnsureSuccessStatusCode();
        Assert.Equal(2L, await s.TicketsAsync(order.Id));
    }

    /// <summary>Until the payment's paid statement waits for the order's row lock (it must be waiting when the approval commits).</summary>
    private async Task WaitForLockWaitAsync(Task paying)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var watcher = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await watcher.OpenAsync();
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(paying.IsCompleted, "the payment finished without waiting for the approval's lock on the order");
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE orders SET state = ''paid''%'", watcher);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the payment never waited for the order's lock");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
