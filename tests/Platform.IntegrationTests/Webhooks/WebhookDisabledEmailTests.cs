using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Webhooks;

[Collection(PlatformCollection.Name)]
public sealed class WebhookDisabledEmailTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Delivery_ReceiverAnswers410_TenantOwnerIsEmailed()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        using var admin = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, "owner"));
        await using var receiver = await WebhookReceiver.StartAsync(410);
        var endpoint = await RegisterAsync(admin, receiver.Url);

        await EmitAsync(fixture, owner.TenantId, "order.paid", new { orderId = "o-410" });
        await WaitForDeliveriesAsync(admin, endpoint.Endpoint.Id, d => d.All(x => x.Status == DeliveryStatus.Failed));

        var body = await fixture.MailBodyAsync(owner.Email, endpoint.Endpoint.Id.ToString());
        Assert.Contains(receiver.Url, body, StringComparison.Ordinal);
        Assert.Contains("410 Gone", body, StringComparison.Ordinal);
    }
}
