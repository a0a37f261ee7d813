using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;
using Platform.OpenApi;

namespace Platform.IntegrationTests.Pricing;

[Collection(PlatformCollection.Name)]
public sealed class PricingOpenApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task OpenApiDocument_PricingOperations_AreDescribedWithErrorResponses()
    {
        var json = await OpenApiExport.RenderAsync(fixture.Factory.Services);
        using var doc = JsonDocument.Parse(json);
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Op: o.Value)))
            .Where(o => o.Path.StartsWith("/api/v1/pricing-rules", StringComparison.Ordinal) || o.Path.StartsWith("/api/v1/vouchers", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(
            new[] { "CreatePricingRule", "CreateVoucher", "CreateVouchersInBulk", "DeletePricingRule", "DeleteVoucher", "GetPricingRule",
                "GetVoucher", "ListPricingRules", "ListVouchers", "ReplacePricingRule", "ReplaceVoucher" },
            operations.Select(o => o.Op.GetProperty("operationId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(operations, o => Assert.True(o.Op.GetProperty("responses").TryGetProperty("403", out _)));
    }
}
