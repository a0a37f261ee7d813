using System.Security.Cryptography;
using System.Text;

namespace Platform.Webhooks;

/// <summary>Standard Webhooks 1.0 signatures: v1,base64(HMAC-SHA256(key, "id.timestamp.body")).</summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: whsec_ + base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key is the base64-decoded part after the whsec_ prefix.</summary>
    public static string Sign(string secret, string webhookId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{webhookId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The webhook-signature header: one signature per active secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string webhookId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, webhookId, timestamp, body)));
}
