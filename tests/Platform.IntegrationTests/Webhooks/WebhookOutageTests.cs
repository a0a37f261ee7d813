using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Webhooks;

/// <summary>
/// A receiver outage longer than the retry schedule (the fixture's schedule is 0.2 s, 0.5 s): failing at the first
/// failure, the admins told before the last attempt, disabled with the reason when the schedule runs out, what arrives
/// meanwhile kept, and all of it redelivered with one call once the receiver is back.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookOutageTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Outage_LongerThanSchedule_NotifiedDisabledThenBulkRedelivered()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        using var admin = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, "owner"));
        await using var receiver = await WebhookReceiver.StartAsync(500, 500, 500);
        var endpoint = await RegisterAsync(admin, receiver.Url);
        var id = endpoint.Endpoint.Id;
        var before = DateTimeOffset.UtcNow;

        await EmitAsync(fixture, owner.TenantId, "order.paid", new { orderId = "during-outage" });

        var first = Assert.Single(await WaitForDeliveriesAsync(admin, id, d => d.All(x => x.Status == DeliveryStatus.Failed)));
        Assert.Equal(3, first.AttemptCount);
        var disabled = await (await admin.GetAsync($"/api/v1/webhooks/endpoints/{id}")).ReadAsync<WebhookEndpointResponse>();
        Assert.False(disabled.Enabled);
        Assert.Equal("failing", disabled.DisabledReason);
        var attempts = await (await admin.GetAsync($"/api/v1/webhooks/deliveries/{first.Id}/attempts")).ReadAsync<global::Platform.Http.CursorPage<WebhookAttemptResponse>>();
        Assert.Equal(attempts.Data[0].AttemptedAt, disabled.FailingSince); // failing from the very first failure
        Assert.Contains(receiver.Url, await fixture.MailBodyAsync(owner.Email, "Deliveries are retried"), StringComparison.Ordinal);
        Assert.Contains("retry schedule ran out", await fixture.MailBodyAsync(owner.Email, "have stopped because"), StringComparison.Ordinal);

        // Events during the outage are kept for the endpoint (failed, unsent) rather than dropped.
        await EmitAsync(fixture, owner.TenantId, "order.refunded", new { orderId = "while-disabled" });
        await WaitForDeliveriesAsync(admin, id, d => d.Count == 2);
        Assert.Equal(3, receiver.Received.Count);

        (await admin.PatchAsJsonAsync($"/api/v1/webhooks/endpoints/{id}", new { enabled = true })).EnsureSuccessStatusCode();
        var bulk = await admin.PostAsJsonAsync($"/api/v1/webhooks/endpoints/{id}/redeliver-failed", new { since = before });

        Assert.Equal(HttpStatusCode.Accepted, bulk.StatusCode);
        Assert.Equal(2, (await bulk.ReadAsync<RedeliverFailedResponse>()).Count);
        var received = await receiver.WaitForAsync(5);
        Assert.Contains(received.Skip(3), r => r.Body.Contains("during-outage", StringComparison.Ordinal) && r.Id == first.WebhookId);
        Assert.Contains(received.Skip(3), r => r.Body.Contains("while-disabled", StringComparison.Ordinal));
        await WaitForDeliveriesAsync(admin, id, d => d.Count == 2 && d.All(x => x.Status == DeliveryStatus.Succeeded));
    }

    [Fact]
    public async Task RedeliverFailed_BadInput_ProblemsNot500()
    {
        var (_, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(admin, receiver.Url);
        var url = $"/api/v1/webhooks/endpoints/{endpoint.Endpoint.Id}/redeliver-failed";

        await (await admin.PostAsJsonAsync(url, new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await admin.PostAsJsonAsync(url, new { since = DateTimeOffset.UtcNow.AddDays(1) })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await admin.PostAsJsonAsync($"/api/v1/webhooks/endpoints/{Guid.NewGuid()}/redeliver-failed", new { since = DateTimeOffset.UtcNow }))
            .ProblemAsync(HttpStatusCode.NotFound);
        var none = await admin.PostAsJsonAsync(url, new { since = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Equal(0, (await none.ReadAsync<RedeliverFailedResponse>()).Count);
    }
}
