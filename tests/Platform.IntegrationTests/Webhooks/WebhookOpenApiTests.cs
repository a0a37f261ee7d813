using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;
using Platform.OpenApi;

namespace Platform.IntegrationTests.Webhooks;

[Collection(PlatformCollection.Name)]
public sealed class WebhookOpenApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task OpenApiDocument_WebhookOperations_AreDescribedWithErrorResponses()
    {
        var json = await OpenApiExport.RenderAsync(fixture.Factory.Services);
        using var doc = JsonDocument.Parse(json);
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/webhooks", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Op: o.Value)))
            .ToList();

        Assert.Equal(
            new[] { "CreateWebhookEndpoint", "DeleteWebhookEndpoint", "GetWebhookEndpoint", "ListWebhookDeliveries", "ListWebhookDeliveryAttempts",
                "ListWebhookEndpoints", "RedeliverFailedWebhooks", "RedeliverWebhook", "RotateWebhookSecret", "SendWebhookTestEvent", "UpdateWebhookEndpoint" },
            operations.Select(o => o.Op.GetProperty("operationId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(operations, o => Assert.True(o.Op.GetProperty("responses").TryGetProperty("429", out _)));
        Assert.All(operations.Where(o => o.Path.Contains("{id}", StringComparison.Ordinal)),
            o => Assert.True(o.Op.GetProperty("responses").TryGetProperty("404", out _), o.Path));
    }
}
