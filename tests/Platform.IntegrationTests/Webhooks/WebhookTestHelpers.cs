using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Webhooks;

namespace Platform.IntegrationTests.Webhooks;

internal static class WebhookTestHelpers
{
    public static async Task<(Guid TenantId, HttpClient Admin)> TenantAsync(PlatformFixture fixture)
    {
        var tenant = await fixture.CreateTenantAsync("wh");
        return (tenant.Id, fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Admin)));
    }

    public static async Task<CreatedWebhookEndpointResponse> RegisterAsync(HttpClient admin, string url, object? eventTypes = null, object? filter = null) =>
        await (await admin.PostAsJsonAsync("/api/v1/webhooks/endpoints", new { url, eventTypes = eventTypes ?? new[] { "order.*" }, filter }))
            .ReadAsync<CreatedWebhookEndpointResponse>();

    /// <summary>Emits an event the way a capability will: through the Outbox inside a tenant unit of work.</summary>
    public static async Task EmitAsync(PlatformFixture fixture, Guid tenantId, string type, object payload)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        scope.ServiceProvider.GetRequiredService<global::Platform.Outbox.OutboxWriter>().Add(type, payload);
        await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
    }

    public static async Task<List<WebhookDeliveryResponse>> DeliveriesAsync(HttpClient admin, Guid endpointId) =>
        (await (await admin.GetAsync($"/api/v1/webhooks/endpoints/{endpointId}/deliveries")).ReadAsync<global::Platform.Http.CursorPage<WebhookDeliveryResponse>>()).Data.ToList();

    /// <summary>Polls the delivery log until <paramref name="done"/> holds.</summary>
    public static async Task<List<WebhookDeliveryResponse>> WaitForDeliveriesAsync(
        HttpClient admin, Guid endpointId, Func<List<WebhookDeliveryResponse>, bool> done)
    {
        // Generous: the deliveries come from the outbox, whose lanes are swept across every tenant of the run; on a slow
        // 2-core machine late in a full run that took over 20 s (a correctness wait, not a latency check).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<WebhookDeliveryResponse> deliveries;
        do
        {
            deliveries = await DeliveriesAsync(admin, endpointId);
            if (deliveries.Count > 0 && done(deliveries))
            {
                return deliveries;
            }

            await Task.Delay(150);
        }
        while (DateTime.UtcNow < deadline);

        // Status/attempts, then when it was last tried and is next due: a next attempt minutes ahead is a lease.
        Assert.Fail($"Delivery log never reached the expected state at {DateTimeOffset.UtcNow:HH:mm:ss.fff}: " +
            string.Join(", ", deliveries.Select(d => $"{d.Status}/{d.AttemptCount} last {d.LastAttemptAt:HH:mm:ss.fff} next {d.NextAttemptAt:HH:mm:ss.fff}")));
        return deliveries;
    }
}
