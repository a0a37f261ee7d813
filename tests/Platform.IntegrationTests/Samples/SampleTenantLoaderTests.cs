using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Platform.Samples;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Samples;

[Collection(PlatformCollection.Name)]
public sealed class SampleTenantLoaderTests(PlatformFixture fixture) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("samples-").FullName;

    private SampleTenantLoader Loader => fixture.Factory.Services.GetRequiredService<SampleTenantLoader>();

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(directory, name), json);

    private static string Tenant(string slug, string extra = "") => $$"""
        { "about": "test", "tenant": { "slug": "{{slug}}", "displayName": "Sample {{slug}}", "kind": "venue", "locale": "en",
          "timeZone": "Europe/Madrid", "defaultCurrency": "EUR"{{extra}} } }
        """;

    private async Task<List<Tenant>> TenantsAsync(string slug)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<Tenant>().Where(t => t.Slug == slug).ToListAsync();
    }

    [Fact]
    public async Task Load_InvalidFiles_ReportsEachProblemByFileAndFieldAndWritesNothing()
    {
        var good = "good-" + Guid.NewGuid().ToString("N")[..8];
        Write("a-good.json", Tenant(good));
        Write("b-bad.json", Tenant("Bad Slug", ", \"branding\": { \"primaryColor\": \"blue\" }"));
        Write("c-broken.json", "{ not json");
        Write("d-unknown.json", """{ "tenant": { "slug": "x" }, "casino": {} }""");

        var errors = await Loader.LoadAsync(directory, CancellationToken.None);

        Assert.Contains(errors, e => e.StartsWith("b-bad.json: tenant.slug:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("b-bad.json: tenant.branding.primaryColor:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("c-broken.json: (file): not valid JSON", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("d-unknown.json: casino: unknown section", StringComparison.Ordinal));
        Assert.Empty(await TenantsAsync(good));
    }

    [Fact]
    public async Task Load_Twice_IsIdempotentAndFollowsTheFile()
    {
        var slug = "idem-" + Guid.NewGuid().ToString("N")[..8];
        Write("t.json", Tenant(slug));

        Assert.Empty(await Loader.LoadAsync(directory, CancellationToken.None));
        Assert.Empty(await Loader.LoadAsync(directory, CancellationToken.None));
        var first = Assert.Single(await TenantsAsync(slug));

        Write("t.json", Tenant(slug).Replace("Europe/Madrid", "Atlantic/Canary", StringComparison.Ordinal));
        Assert.Empty(await Loader.LoadAsync(directory, CancellationToken.None));
        var updated = Assert.Single(await TenantsAsync(slug));
        Assert.Equal(first.Id, updated.Id);
        Assert.Equal("Atlantic/Canary", updated.TimeZone);
    }

    [Fact]
    public void CommittedSamples_AreValidAndCoverPromoterStadiumAndChineseTheatre()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Platform.sln")))
        {
            root = root.Parent!;
        }

        var files = Directory.GetFiles(Path.Combine(root.FullName, "tenants-sample"), "*.json").Select(File.ReadAllText).ToList();
        Assert.True(files.Count >= 3);
        Assert.Contains(files, f => f.Contains("\"kind\": \"promoter\"", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("\"locale\": \"zh-CN\"", StringComparison.Ordinal) && f.Contains("\"CNY\"", StringComparison.Ordinal));
    }
}
