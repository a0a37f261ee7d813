using Platform.Catalog;
using Platform.Http;
using Platform.IntegrationTests.Events;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Catalog;

[Collection(PlatformCollection.Name)]
public sealed class CatalogCacheTests(PlatformFixture fixture)
{
    /// <summary>The list is served from memory, but a newly published event shows within the one-second bound.</summary>
    [Fact]
    public async Task ListCatalog_NewlyPublishedEvent_VisibleWithinOneSecond()
    {
        var s = await EventScenario.CreateAsync(fixture);
        using var anonymous = fixture.CreateClient();
        var url = $"/api/v1/public/tenants/{s.Tenant.Slug}/events";
        var first = await s.PublishedGaEventAsync("First");
        Assert.Equal([first.Id], (await (await anonymous.GetAsync(url)).ReadAsync<CursorPage<CatalogEventSummary>>()).Data.Select(e => e.Id));

        var second = await s.PublishedGaEventAsync("Second");
        await Task.Delay(CatalogEndpoints.ReadTtl + TimeSpan.FromMilliseconds(200));

        var page = await (await anonymous.GetAsync(url)).ReadAsync<CursorPage<CatalogEventSummary>>();
        Assert.Equal([first.Id, second.Id], page.Data.Select(e => e.Id));
    }
}
