using System.Security.Cryptography;
using System.Text;

namespace Platform.Webhooks;

/// <summary>Standard Webhooks 1.0 signatures: v1,base64(HMAC-SHA256(key, "id.timestamp.body")).</summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: whsec_ + base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The HMAC key of a secret: the base64-decoded part after the whsec_ prefix. The delivery pool decodes it (and
    /// decrypts the stored secret) once per endpoint and batch, not once per delivery.
    /// </summary>
    public static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    public static string Sign(string secret, string webhookId, long timestamp, string body) => Sign(Key(secret), webhookId, timestamp, body);

    public static string Sign(byte[] key, string webhookId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{webhookId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The webhook-signature header: one signature per active secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string webhookId, long timestamp, string body) =>
        Header([.. secrets.Select(Key)], webhookId, timestamp, body);

    /// <summary>The webhook-signature header from decoded keys (<see cref="Key"/>), one signature per key.</summary>
    public static string Header(IReadOnlyList<byte[]> keys, string webhookId, long timestamp, string body) =>
        keys.Count == 1 ? Sign(keys[0], webhookId, timestamp, body) : string.Join(' ', keys.Select(k => Sign(k, webhookId, timestamp, body)));
}
