using System.Net;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Observability;

namespace Platform.IntegrationTests.Observability;

/// <summary>The live dashboard's API: figures move with a sale, and each tenant sees only itself.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LiveEndpointTests(PlatformFixture fixture)
{
    [Fact]
    public async Task TenantLive_AfterSale_ShowsOrdersPaymentsLatencyAndOwnTenantOnly()
    {
        var sale = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await sale.PlaceAsync(quantity: 3);
        (await sale.PayAsync(order)).EnsureSuccessStatusCode();
        var other = await fixture.CreateTenantAsync("lv");
        using var analyst = fixture.CreateClient(TestCaller.TenantMember(sale.Events.Tenant.Id, "analyst"));
        using var otherOwner = fixture.CreateClient(TestCaller.TenantMember(other.Id, "owner"));

        var mine = await EventuallyAsync(analyst, "/api/v1/live", l => l.Payments.Succeeded >= 1);
        var theirs = await (await otherOwner.GetAsync("/api/v1/live")).ReadAsync<LiveResponse>();

        Assert.Equal("tenant", mine.Scope);
        Assert.Equal(sale.Events.Tenant.Id, mine.TenantId);
        Assert.Equal(1, mine.Orders.Succeeded);
        Assert.Equal(1, mine.Payments.Succeeded);
        Assert.Equal(1.0, mine.Payments.SuccessRate);
        Assert.True(mine.OrdersPerSecond > 0);
        Assert.NotNull(mine.LatencyMs.P99);
        Assert.True(mine.LatencyMs.P50 <= mine.LatencyMs.P99);
        Assert.Equal(LiveWindow.Seconds, mine.Series.Count);
        Assert.True(mine.Resources.ProcessorCount > 0 && mine.Resources.WorkingSetBytes > 0);

        Assert.Equal(other.Id, theirs.TenantId);
        Assert.Equal(0, theirs.Orders.Attempts);
        Assert.Equal(0, theirs.Payments.Attempts);
    }

    [Fact]
    public async Task EventLive_ShowsRemainingInventoryAndErrorCodes_AndIs404ForAnotherTenant()
    {
        var sale = await CheckoutScenario.GaAsync(fixture, capacity: 6);
        await sale.PlaceAsync(quantity: 4);
        Assert.Equal(HttpStatusCode.Conflict, (await sale.HoldGaAsync(3, "late@example.com")).StatusCode);
        var other = await fixture.CreateTenantAsync("lv");
        using var otherOwner = fixture.CreateClient(TestCaller.TenantMember(other.Id, "owner"));
        var url = $"/api/v1/live?eventId={sale.Event.Id}";

        var live = await EventuallyAsync(sale.Owner, url, l => l.ErrorCodes.Any(c => c.Code == "sold_out"));
        var foreign = await otherOwner.GetAsync(url);

        Assert.Equal("event", live.Scope);
        Assert.Equal(sale.Event.Id, live.EventId);
        var stock = Assert.Single(live.Inventory!);
        Assert.Equal((6, 4, 2), (stock.Capacity, stock.Held + stock.Sold, stock.Remaining));
        Assert.Equal(2, live.Holds.Attempts);
        Assert.Equal(1, live.Holds.Succeeded);
        Assert.Equal(0.5, live.Holds.SuccessRate);
        Assert.Equal(1, live.ErrorCodes.Single(c => c.Code == "sold_out").Count);
        Assert.Equal("not_found", (await foreign.ProblemAsync(HttpStatusCode.NotFound)).Code());
    }

    [Fact]
    public async Task PlatformLive_AdminOnly_SeesEveryTenant()
    {
        var sale = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        await sale.PlaceAsync(quantity: 1);
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        using var owner = fixture.CreateClient(TestCaller.TenantMember(sale.Events.Tenant.Id, "owner"));
        using var anonymous = fixture.CreateClient();

        var live = await EventuallyAsync(admin, "/api/v1/platform/live", l => l.Orders.Succeeded >= 1);

        Assert.Equal("platform", live.Scope);
        Assert.Null(live.TenantId);
        Assert.True(live.RequestsPerSecond > 0);
        Assert.True(live.Resources.DbPoolMax > 0, "the database pool's size is read from Npgsql's meter");
        await (await owner.GetAsync("/api/v1/platform/live")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync("/api/v1/platform/live")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TenantLive_BoxOfficeWithoutReports_Is403()
    {
        var tenant = await fixture.CreateTenantAsync("lv");
        using var boxOffice = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "box_office"));

        await (await boxOffice.GetAsync("/api/v1/live")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>The request is measured once its response is handed over: poll briefly until it shows.</summary>
    private static async Task<LiveResponse> EventuallyAsync(HttpClient client, string url, Func<LiveResponse, bool> done)
    {
        var live = await (await client.GetAsync(url)).ReadAsync<LiveResponse>();
        for (var i = 0; i < 40 && !done(live); i++)
        {
            await Task.Delay(50);
            live = await (await client.GetAsync(url)).ReadAsync<LiveResponse>();
        }

        return live;
    }
}
