using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using global::Platform.Outbox;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Outbox;

[Collection(PlatformCollection.Name)]
public sealed class OutboxDispatchTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Add_UnitOfWorkNotSaved_NothingDelivered()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            scope.ServiceProvider.GetRequiredService<global::Platform.Outbox.OutboxWriter>().Add("order.paid", new { orderId = "rolled-back" });
        }

        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "committed" });

        var received = await receiver.WaitForAsync(1);
        await Task.Delay(500);
        Assert.Contains("committed", Assert.Single(received).Body, StringComparison.Ordinal);
        Assert.Single(await DeliveriesAsync(admin, endpoint.Endpoint.Id));
    }

    [Fact]
    public async Task DispatchTenantAsync_ConcurrentDispatchers_EachEventFannedOutOnce()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url);
        var dispatcher = fixture.Factory.Services.GetRequiredService<OutboxDispatcher>();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var outbox = scope.ServiceProvider.GetRequiredService<global::Platform.Outbox.OutboxWriter>();
            for (var i = 0; i < 12; i++)
            {
                outbox.Add("order.created", new { orderId = $"o-{i}" });
            }

            // Three dispatchers (as on three app instances) race the listener for the same rows.
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => dispatcher.DispatchTenantAsync(tenantId, CancellationToken.None)));

        var deliveries = await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.Count >= 12 && d.All(x => x.Status == DeliveryStatus.Succeeded));
        Assert.Equal(12, deliveries.Count);
        Assert.Equal(12, receiver.Received.Select(r => r.Id).Distinct().Count());
    }
}
