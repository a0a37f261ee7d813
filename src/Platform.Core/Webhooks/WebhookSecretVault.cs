using Microsoft.AspNetCore.DataProtection;

namespace Platform.Webhooks;

/// <summary>
/// Keeps endpoint signing secrets encrypted at rest with Data Protection (as Stripe keys are): a database dump or a
/// read-only leak of webhook_endpoints yields nothing that can forge a delivery. The secret is shown to the tenant once,
/// on creation or rotation, and decrypted only to sign.
/// </summary>
internal sealed class WebhookSecretVault(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Platform.Webhooks.Secrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>
    /// The secret behind a stored value. A value still starting with the secret's own prefix was written before
    /// secrets were encrypted (migration EncryptedWebhookSecrets) and is returned as it is, until
    /// <see cref="WebhookEndpoint.EncryptLegacySecrets"/> replaces it.
    /// </summary>
    public string Unprotect(string stored) => IsLegacyPlaintext(stored) ? stored : protector.Unprotect(stored);

    public static bool IsLegacyPlaintext(string stored) => stored.StartsWith(WebhookSigner.SecretPrefix, StringComparison.Ordinal);
}
