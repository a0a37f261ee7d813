using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;
using Platform.Samples;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Venues;

[Collection(PlatformCollection.Name)]
public sealed class VenueSampleTests(PlatformFixture fixture, ITestOutputHelper output)
{
    private static string SampleDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tenants-sample");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tenants-sample not found above the test binaries.");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountSeatsAsync(string slug)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM seats s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = @slug", connection);
        command.Parameters.AddWithValue("slug", slug);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task LoadSamples_StadiumAndTheatre_LoadFastAndIdempotently()
    {
        var loader = fixture.Factory.Services.GetRequiredService<SampleTenantLoader>();

        var watch = Stopwatch.StartNew();
        var errors = await loader.LoadAsync(SampleDirectory(), CancellationToken.None);
        var firstLoad = watch.Elapsed;
        Assert.Empty(errors);
        output.WriteLine($"First sample load (40,000-seat stadium + 1,500-seat theatre): {firstLoad.TotalMilliseconds:F0} ms");

        watch.Restart();
        Assert.Empty(await loader.LoadAsync(SampleDirectory(), CancellationToken.None));
        output.WriteLine($"Second (idempotent) sample load: {watch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(40_000, await CountSeatsAsync("harbour-stadium"));
        Assert.Equal(1_500, await CountSeatsAsync("jade-theatre"));
        // ~4 s alone on this machine; the bound catches a pathological load, not a busy CI machine (it once took over
        // 30 s late in a full CI run; the cause is not found yet — stale foreign-key plans were tried and ruled out).
        Assert.True(firstLoad < TimeSpan.FromSeconds(90), $"sample load took {firstLoad}");

        // The demo events: the stadium match has seat states for all 40,000 seats, and is in the public catalog.
        Assert.Equal(40_000, await ScalarAsync("""
            SELECT count(*) FROM event_seats es JOIN events e ON e.id = es.event_id
            WHERE e.title = 'Harbour FC vs Bay City Rovers'
            """));
        Assert.Equal(3 * 1_500, await ScalarAsync("SELECT count(*) FROM event_seats es JOIN events e ON e.id = es.event_id WHERE e.title = '天鹅湖 Swan Lake'"));
        var catalog = await fixture.CreateClient().GetAsync("/api/v1/public/tenants/harbour-stadium/events");
        var page = await catalog.ReadAsync<Platform.Http.CursorPage<Platform.Catalog.CatalogEventSummary>>();
        Assert.Equal(Platform.Events.EventStatus.OnSale, Assert.Single(page.Data).Status);
    }
}
