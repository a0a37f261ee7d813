using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Platform.Pricing.Rules;
using Platform.Samples;
using Platform.Tenancy;

namespace Platform.IntegrationTests.Pricing;

[Collection(PlatformCollection.Name)]
public sealed class PricingSampleSectionTests(PlatformFixture fixture)
{
    private static string SampleDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tenants-sample")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("tenants-sample"), "tenants-sample");
    }

    private ISampleSectionLoader Loader(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetServices<ISampleSectionLoader>().Single(l => l.Section == "pricingRules");

    [Fact]
    public async Task Validate_EverySampleTenantsPricingRules_HasNoErrors()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var loader = Loader(scope);
        var files = Directory.GetFiles(SampleDirectory(), "*.json");
        var checkedSections = 0;

        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            if (doc.RootElement.TryGetProperty("pricingRules", out var section))
            {
                Assert.Empty(loader.Validate(section));
                checkedSections++;
            }
        }

        Assert.True(checkedSections >= 1, "at least one sample tenant carries pricing rules");
    }

    [Fact]
    public async Task Validate_BadRules_ReportsEachByIndexAndField()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        using var doc = JsonDocument.Parse("""
            [ { "name": "Fee", "kind": "service_fee", "valueType": "fixed", "amount": -1, "currency": "EUR", "feeBasis": "per_ticket" },
              { "name": "Fee", "kind": "tax", "basisPoints": 1900 } ]
            """);

        var errors = Loader(scope).Validate(doc.RootElement);

        Assert.Contains(errors, e => e.Field == "[0].amount");
        Assert.Contains(errors, e => e.Field == "[1].name");
    }

    [Fact]
    public async Task LoadAsync_SampleFileTwice_CreatesRulesOnceAndKeepsThem()
    {
        var dir = Directory.CreateTempSubdirectory("pricing-sample-");
        var slug = "ps-" + Guid.NewGuid().ToString("N")[..10];
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "t.json"), $$"""
            {
              "tenant": { "slug": "{{slug}}", "displayName": "Pricing sample", "kind": "venue", "locale": "en",
                          "timeZone": "Europe/London", "defaultCurrency": "GBP" },
              "pricingRules": [
                { "name": "Concession", "kind": "audience_discount", "valueType": "percentage", "basisPoints": 2000,
                  "audience": "senior", "proof": "Photo ID showing age 65+" },
                { "name": "Booking fee", "kind": "service_fee", "valueType": "fixed", "amount": 150, "currency": "GBP", "feeBasis": "per_order" }
              ]
            }
            """);
        try
        {
            var loader = fixture.Factory.Services.GetRequiredService<SampleTenantLoader>();
            Assert.Empty(await loader.LoadAsync(dir.FullName, CancellationToken.None));
            Assert.Empty(await loader.LoadAsync(dir.FullName, CancellationToken.None));

            await using var scope = fixture.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var tenant = await db.Set<Tenant>().SingleAsync(t => t.Slug == slug);
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id);
            var rules = await db.Set<PricingRule>().OrderBy(r => r.Name).ToListAsync();
            Assert.Equal(["Booking fee", "Concession"], rules.Select(r => r.Name));
            Assert.Equal(150, rules[0].Amount);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
