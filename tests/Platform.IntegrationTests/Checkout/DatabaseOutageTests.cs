using System.Net;
using Npgsql;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// Issue #22 item 2: a dropped database connection is an outage to wait out, not a bug: 503 with a code and
/// Retry-After (never 500), and the retry with the same Idempotency-Key does the work once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DatabaseOutageTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateOrder_ConnectionDroppedMidTransaction_503WithRetryAfterAndRetryPlacesOnce()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var hold = await s.HoldAsync(2);
        var key = $"outage-{Guid.NewGuid():N}";

        // Park the order's transaction behind a lock on its hold row, then cut its connection as a restarting
        // PostgreSQL would (57P01 admin_shutdown, the socket closed). The order's save waits there: its INSERT's
        // foreign key to the hold (KEY SHARE), or the hold lock that travels with it (ADR 0064).
        await using var blocker = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await blocker.OpenAsync();
        await using (var tx = await blocker.BeginTransactionAsync())
        {
            await using (var lockHold = new NpgsqlCommand("SELECT 1 FROM holds WHERE id = @h FOR UPDATE", blocker, tx))
            {
                lockHold.Parameters.AddWithValue("h", hold.Id);
                await lockHold.ExecuteNonQueryAsync();
            }

            var pending = s.OrderAsync(hold, key);
            // Its own connection: pg_stat_activity is a snapshot fixed for the rest of a transaction.
            await using var killer = new NpgsqlConnection(fixture.SuperuserConnectionString);
            await killer.OpenAsync();
            var terminated = false;
            for (var i = 0; i < 600 && !terminated; i++)
            {
                await using var kill = new NpgsqlCommand("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE usename = 'platform_app' AND wait_event_type = 'Lock' AND (query LIKE '%holds%' OR query LIKE '%INSERT INTO orders%')
                    """, killer);
                terminated = (long)(await kill.ExecuteScalarAsync())! > 0;
                if (!terminated)
                {
                    await Task.Delay(50);
                }
            }

            Assert.True(terminated, "the order never waited on the hold's row lock");
            var response = await pending;
            var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("database_unavailable", problem.Code());
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            await tx.RollbackAsync();
        }

        // The key was released (or its lease runs out): the retry places the order, once.
        var retry = await s.OrderAsync(hold, key);
        if (retry.StatusCode == HttpStatusCode.Conflict)
        {
            await using var expire = new NpgsqlCommand($"UPDATE idempotency_keys SET lease_until = now() - interval '1 second' WHERE key = '{key}'", blocker);
            await expire.ExecuteNonQueryAsync();
            retry = await s.OrderAsync(hold, key);
        }

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t"));
    }

    /// <summary>
    /// A Patroni failover seen through a multi-host connection string (ADR 0066): while the primary is gone and the
    /// standby not yet promoted, Npgsql finds no host it may use. The first failover drill answered those requests 500
    /// (62 of them); they are an outage to wait out, like a restart. Real Npgsql exceptions, from real hosts.
    /// </summary>
    [Fact]
    public async Task MultiHost_NoPrimaryYetOrEveryHostRefusing_IsDatabaseUnavailable()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.SuperuserConnectionString);
        var server = $"{builder.Host}:{builder.Port}";
        // Both hosts answer, neither is a standby: the moment before promotion, when neither is the primary, looks the same.
        var noneSuitable = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            Host = $"{server},localhost:{builder.Port}", TargetSessionAttributes = "standby", Timeout = 5,
        };
        // Both hosts refuse: the old primary's machine is gone and the other port is closed too.
        var allRefusing = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            Host = $"127.0.0.1:{ClosedPort()},127.0.0.1:{ClosedPort()}", TargetSessionAttributes = "primary", Timeout = 5,
        };

        foreach (var connectionString in new[] { noneSuitable.ConnectionString, allRefusing.ConnectionString })
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
            {
                await using var connection = await dataSource.OpenConnectionAsync();
            });
            Assert.True(Platform.Http.TransientFailures.IsDatabaseUnavailable(failure), $"Not seen as an outage: {failure}");
        }
    }

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
