using System.Net;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

/// <summary>
/// Issue #20 item 2: a tenant read outside a transaction carries its tenant setting in its own round trip without
/// PostgreSQL's "SET LOCAL can only be used in transaction blocks" warning (it was raised, and logged by the server,
/// once per read). The server log of the whole run so far must not contain it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantSettingWarningTests(PlatformFixture fixture)
{
    private const string Warning = "SET LOCAL can only be used in transaction blocks";

    [Fact]
    public async Task TenantReadsOutsideTransactions_RaiseNoSetLocalWarning()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        // Reads outside any transaction: the staff API's event, the public hold (EF queries, autocommit).
        Assert.Equal(HttpStatusCode.OK, (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}")).StatusCode);
        var hold = await s.HoldAsync(1);
        Assert.Equal(HttpStatusCode.OK, (await s.Public.SendAsync(s.WithToken(HttpMethod.Get, $"{s.Prefix}/holds/{hold.Id}", hold))).StatusCode);

        // On an existing server (PLATFORM_TEST_ADMIN_CONNECTION) the log is not ours to read.
        if (fixture.Cluster.LogPath is not { } path)
        {
            return;
        }

        await using var log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = await new StreamReader(log).ReadToEndAsync();
        Assert.DoesNotContain(Warning, text, StringComparison.Ordinal);
    }
}
