using Npgsql;
using NpgsqlTypes;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Outbox;

/// <summary>
/// The sweep asks the database which tenants have work on which lane (ADR 0071) instead of visiting every tenant on
/// every lane. What it reports decides what gets recovered, so each lane's probe is checked against the state its
/// recovery picks up, and a tenant that is caught up must not be reported at all. The probes run in the test's own
/// transaction, as the application role: the dispatcher cannot see (or consume) the uncommitted changes.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxSweepTests(PlatformFixture fixture)
{
    private static readonly string[] Lanes = ["settlement", "webhooks", "tickets"];

    [Fact]
    public async Task Sweep_ReportsEachLaneOnlyForTheWorkItsRecoveryTakes()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var tenantId = s.Events.Tenant.Id;
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        await RegisterAsync(s.Owner, receiver.Url);
        (await s.PayAsync(await s.PlaceAsync(2, "swept@example.com"))).EnsureSuccessStatusCode();
        await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        await WaitUntilCaughtUpAsync(tenantId);

        (string Change, string Expected)[] cases =
        [
            ("SELECT 1", ""),
            ("UPDATE holds SET quota_settled = false WHERE state = 'converted'", "settlement"),
            ("UPDATE webhook_deliveries SET status = 'Pending', next_attempt_at = now() - interval '1 second'", "webhooks"),
            ("UPDATE webhook_deliveries SET status = 'Pending', next_attempt_at = now() + interval '1 minute'", ""),
            ("""
                INSERT INTO ticket_ledger_entries (tenant_id, id, ticket_id, kind, data, occurred_at)
                SELECT @t, gen_random_uuid(), ticket_id, 'checked_in', '{}', now() FROM ticket_ledger_entries LIMIT 1
                """, "tickets"),
            ("INSERT INTO outbox_messages (tenant_id, id, type, payload, occurred_at) VALUES (@t, gen_random_uuid(), 'order.paid', '{}', now())",
                "settlement,tickets,webhooks"),
            ("UPDATE holds SET quota_settled = false WHERE state = 'converted'; UPDATE tenants SET status = 'Suspended' WHERE id = @t", ""),
        ];

        foreach (var (change, expected) in cases)
        {
            Assert.Equal((change, expected), (change, string.Join(',', await SweepAfterAsync(tenantId, change))));
        }
    }

    /// <summary>A commit whose notification never arrived (here: the trigger is off) is found by the sweep alone.</summary>
    [Fact]
    public async Task Event_NotificationLost_SweepDeliversIt()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        await RegisterAsync(admin, receiver.Url);

        await using (var connection = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                SET session_replication_role = replica;
                INSERT INTO outbox_messages (tenant_id, id, type, payload, occurred_at) VALUES (@t, gen_random_uuid(), 'order.paid', '{"orderId":"unannounced"}', now());
                """, connection);
            insert.Parameters.AddWithValue("t", tenantId);
            await insert.ExecuteNonQueryAsync();
        }

        var received = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));
        Assert.Contains("unannounced", Assert.Single(received).Body, StringComparison.Ordinal);
    }

    private async Task WaitUntilCaughtUpAsync(Guid tenantId)
    {
        var reported = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            reported = await SweepAfterAsync(tenantId, "SELECT 1");
            if (reported.Count == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The tenant never caught up: {string.Join(',', reported)}");
    }

    /// <summary>The lanes the sweep reports for the tenant, seen from a transaction that made <paramref name="change"/>.</summary>
    private async Task<List<string>> SweepAfterAsync(Guid tenantId, string change)
    {
        await using var connection = new NpgsqlConnection(fixture.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setTenant = new NpgsqlCommand($"SELECT set_config('app.tenant_id', @t::text, true); {change}", connection, transaction))
        {
            setTenant.Parameters.AddWithValue("t", tenantId);
            await setTenant.ExecuteNonQueryAsync();
        }

        var lanes = new List<string>();
        await using (var sweep = new NpgsqlCommand(
            "SELECT lane FROM outbox_sweep(@lanes) WHERE tenant_id = @t ORDER BY lane", connection, transaction))
        {
            sweep.Parameters.AddWithValue("t", tenantId);
            sweep.Parameters.Add(new NpgsqlParameter("lanes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Lanes });
            await using var reader = await sweep.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lanes.Add(reader.GetString(0));
            }
        }

        // The function confines its tenant setting to the call: the caller's is still in force afterwards.
        await using (var setting = new NpgsqlCommand("SELECT current_setting('app.tenant_id')", connection, transaction))
        {
            Assert.Equal(tenantId.ToString(), (string?)await setting.ExecuteScalarAsync());
        }

        await transaction.RollbackAsync();
        return lanes;
    }
}
