using System.Security.Cryptography;
using System.Text;
using Platform.Webhooks;

namespace Platform.UnitTests.Webhooks;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Sign_StandardWebhooksReferenceVector_Reproduced()
    {
        // The published Standard Webhooks test vector.
        var signature = WebhookSigner.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Header_TwoSecrets_SpaceSeparatedSignatureEach()
    {
        var a = WebhookSigner.NewSecret();
        var b = WebhookSigner.NewSecret();
        var header = WebhookSigner.Header([a, b], "msg_1", 1700000000, "{}");
        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        using var hmac = new HMACSHA256(Convert.FromBase64String(b["whsec_".Length..]));
        Assert.Equal("v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes("msg_1.1700000000.{}"))), parts[1]);
    }

    [Fact]
    public void NewSecret_Always_PrefixedWith32RandomBytes()
    {
        var secret = WebhookSigner.NewSecret();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret[6..]).Length);
        Assert.NotEqual(secret, WebhookSigner.NewSecret());
    }
}

public sealed class WebhookEndpointSecretTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly WebhookSecretVault Vault = new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());

    private static WebhookEndpoint Rotated(DateTimeOffset previousExpiresAt) => new()
    {
        Url = "https://example.com", ProtectedSecret = Vault.Protect("whsec_new"), PreviousProtectedSecret = Vault.Protect("whsec_old"),
        PreviousSecretExpiresAt = previousExpiresAt,
    };

    [Fact]
    public void ActiveSecrets_WithinOverlap_NewThenPrevious()
    {
        Assert.Equal(["whsec_new", "whsec_old"], Rotated(Now.AddHours(1)).ActiveSecrets(Now, Vault));
    }

    [Fact]
    public void ActiveSecrets_AfterOverlap_OnlyNew()
    {
        Assert.Equal(["whsec_new"], Rotated(Now).ActiveSecrets(Now, Vault));
    }

    [Fact]
    public void LegacyPlaintextSecrets_StillSign_ThenAreEncrypted()
    {
        var endpoint = new WebhookEndpoint
        {
            Url = "https://example.com", ProtectedSecret = "whsec_new", PreviousProtectedSecret = "whsec_old", PreviousSecretExpiresAt = Now.AddHours(1),
        };
        Assert.Equal(["whsec_new", "whsec_old"], endpoint.ActiveSecrets(Now, Vault));

        endpoint.EncryptLegacySecrets(Vault);

        Assert.DoesNotContain("whsec_", endpoint.ProtectedSecret + endpoint.PreviousProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(["whsec_new", "whsec_old"], endpoint.ActiveSecrets(Now, Vault));
    }
}
