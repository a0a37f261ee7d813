using Npgsql;
using Platform.IntegrationTests.Infrastructure;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Webhooks;

/// <summary>
/// A delivery batch that fails after its claim — here because the endpoint's stored secret no longer decrypts, as after
/// a lost key ring — hands its deliveries back for a retry in seconds rather than leaving them leased for two minutes,
/// and they go out once the cause is gone.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookBatchFailureTests(PlatformFixture fixture)
{
    [Fact]
    public async Task BatchFailsAfterClaim_ClaimsReleasedForAPromptRetry_DeliveredOnceFixed()
    {
        var (tenantId, admin) = await TenantAsync(fixture);
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = (await RegisterAsync(admin, receiver.Url)).Endpoint.Id;
        var secret = await SecretAsync(id, replaceWith: "CfDJ8-not-a-data-protection-payload");

        await EmitAsync(fixture, tenantId, "order.paid", new { orderId = "blocked" });

        // Claimed (its next attempt moved forward), the batch failed, and the claim came back due within seconds. While
        // the batch runs the next attempt is the 2-minute lease; without the release it stays there.
        var released = Assert.Single(await WaitForDeliveriesAsync(admin, id, d =>
            d[0].NextAttemptAt > d[0].CreatedAt.AddSeconds(1) && d[0].NextAttemptAt < DateTimeOffset.UtcNow + WebhookDeliveryBatch.FailedBatchRetry + TimeSpan.FromSeconds(2)));
        Assert.Equal((DeliveryStatus.Pending, 0), (released.Status, released.AttemptCount));
        Assert.Empty(receiver.Received);

        await SecretAsync(id, replaceWith: secret);

        var received = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(40));
        Assert.Contains("blocked", received[0].Body, StringComparison.Ordinal);
        await WaitForDeliveriesAsync(admin, id, d => d[0] is { Status: DeliveryStatus.Succeeded, AttemptCount: 1 });
    }

    /// <summary>Replaces the endpoint's stored (encrypted) secret, returning the value it had.</summary>
    private async Task<string> SecretAsync(Guid endpointId, string replaceWith)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            UPDATE webhook_endpoints e SET protected_secret = @s FROM webhook_endpoints old
            WHERE e.id = @id AND old.id = e.id RETURNING old.protected_secret
            """, connection);
        command.Parameters.AddWithValue("id", endpointId);
        command.Parameters.AddWithValue("s", replaceWith);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
