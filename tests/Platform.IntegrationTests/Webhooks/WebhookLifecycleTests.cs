using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Webhooks;

/// <summary>Time-based rules, driven by moving the stored timestamps back rather than by waiting days.</summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookLifecycleTests(PlatformFixture fixture)
{
    private async Task InTenantAsync(Guid tenantId, Func<PlatformDbContext, Task> action)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await action(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }

    [Fact]
    public async Task Delivery_FailingLongerThanScheduleButRetriesLeft_NotDisabledBeforeLastAttempt()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync(500, 500);
        var endpoint = await RegisterAsync(admin, receiver.Url);
        await InTenantAsync(tenantId, db => db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Endpoint.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, DateTimeOffset.UtcNow.AddDays(-6))));

        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "o-1" });

        // A long failing run alone disables nothing: only a delivery running out of retries does (3rd attempt here).
        var delivery = Assert.Single(await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Succeeded)));
        Assert.Equal(3, delivery.AttemptCount);
        var endpointNow = await (await admin.GetAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}")).ReadAsync<WebhookEndpointResponse>();
        Assert.True(endpointNow.Enabled);
    }

    [Fact]
    public async Task Delivery_FailingThenSucceeds_StaysEnabledAndFailingCleared()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync(500);
        var endpoint = await RegisterAsync(admin, receiver.Url);
        await InTenantAsync(tenantId, db => db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Endpoint.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, DateTimeOffset.UtcNow.AddDays(-4))));

        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "o-1" });

        await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Succeeded && x.AttemptCount == 2));
        var endpointNow = await (await admin.GetAsync($"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}")).ReadAsync<WebhookEndpointResponse>();
        Assert.True(endpointNow.Enabled);
        Assert.Null(endpointNow.FailingSince);
    }

    [Fact]
    public async Task CleanTenantAsync_DeliveriesOlderThan30Days_Deleted()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url);
        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "old" });
        var old = Assert.Single(await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Succeeded)));
        await InTenantAsync(tenantId, db => db.Set<WebhookDelivery>().Where(d => d.Id == old.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedAt, DateTimeOffset.UtcNow.AddDays(-31))));
        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "new" });
        await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.Count == 2 && d.All(x => x.Status == DeliveryStatus.Succeeded));

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookCleanupJob>().CleanTenantAsync(tenantId, CancellationToken.None);
        }

        var remaining = await DeliveriesAsync(admin, endpoint.Endpoint.Id);
        Assert.DoesNotContain(remaining, d => d.Id == old.Id);
        Assert.Single(remaining);
        var attempts = await admin.GetAsync($"/api/v1/webhooks/deliveries/{old.Id}/attempts");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, attempts.StatusCode);
    }
}
