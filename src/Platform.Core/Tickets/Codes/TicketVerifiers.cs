namespace Platform.Tickets.Codes;

/// <summary>
/// Imported public keys, reused across scans. Importing an EC public key is not free (the platform's crypto library
/// checks that the point lies on the curve and has the curve's order: a scalar multiplication, about as much again as
/// the verification), and a gate scan used to pay it every time. Pools are keyed by the key's coordinates — what the
/// key IS — never by its kid alone: two tenants' keys, or a key id reused after a restore, never share a verifier.
/// </summary>
internal static class TicketVerifiers
{
    private static readonly EcdsaPools<(string X, string Y)> Pools = new();

    /// <summary>True when the payload is well formed and its signature verifies with <paramref name="key"/>.</summary>
    public static bool Verify(TicketPublicKey key, string? payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Pools.Use((key.X, key.Y), static k => k.Parameters, key, ecdsa => TicketCode.VerifySignature(payload, ecdsa));
    }
}
