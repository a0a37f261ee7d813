using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Identity.KeyRing;
using Platform.Webhooks;
using static Platform.IntegrationTests.Webhooks.WebhookTestHelpers;

namespace Platform.IntegrationTests.Secrets;

/// <summary>
/// What a database dump would reveal: neither the Data Protection keys (which decrypt Stripe keys, cookies and the
/// OAuth signing keys) nor a webhook endpoint's signing secret may be readable from the rows alone.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SecretsAtRestTests(PlatformFixture fixture)
{
    [Fact]
    public async Task WebhookSecret_ShownOnce_NeverStoredInTheClear_AndRotationToo()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        using var admin = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, "owner"));
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        var created = await RegisterAsync(admin, receiver.Url);
        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/endpoints/{created.Endpoint.Id}/rotate-secret", null))
            .ReadAsync<WebhookSecretResponse>();

        var (current, previous) = await StoredSecretsAsync(created.Endpoint.Id);

        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey(created.Secret), current + previous, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey(rotated.Secret), current + previous, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", current + previous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtectionKeys_StoredEncryptedToTheCertificate()
    {
        // Creating a webhook endpoint protects its secret, so the ring has at least one key by now.
        var owner = await fixture.SignUpConfirmedAsync();
        using var admin = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, "owner"));
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        await RegisterAsync(admin, receiver.Url);

        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal); // the plaintext form of a key
        });
    }

    [Fact]
    public void Production_WithoutCertificate_RefusesToStart()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });

        var refusal = Assert.Throws<InvalidOperationException>(builder.AddPlatformDataProtection);

        Assert.Contains("DataProtection:CertificatePath", refusal.Message, StringComparison.Ordinal);
    }

    private static string SecretKey(string secret) => secret["whsec_".Length..];

    private async Task<(string Current, string Previous)> StoredSecretsAsync(Guid endpointId)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT protected_secret, previous_protected_secret FROM webhook_endpoints WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", endpointId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }
}
