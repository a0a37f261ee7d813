using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Tickets.Codes;

/// <summary>What a ticket's QR code says: which ticket, for which event, at which code version, signed by which key.</summary>
public readonly record struct TicketCodeClaims(Guid TicketId, Guid EventId, int CodeVersion, string KeyId);

/// <summary>
/// The QR payload format <c>T1.&lt;body&gt;.&lt;signature&gt;</c>, both parts base64url without padding:
/// body = ticket id (16 bytes, big-endian UUID) | event id (16) | code version (4, big-endian) | key id (ASCII, 1–16);
/// signature = ECDSA P-256 over SHA-256 of the ASCII text <c>T1.&lt;body&gt;</c>, as r|s (64 bytes, IEEE P1363).
/// About 150 characters, a version 8–9 QR at level M. Pure and allocation-light: gates can run the same check offline.
/// </summary>
public static class TicketCode
{
    public const string Prefix = "T1";
    private const int FixedBodyLength = 36;
    private const int SignatureLength = 64;
    private const int MaxKeyIdLength = 16;
    private const int MaxPayloadLength = 256;

    public static string Sign(TicketCodeClaims claims, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var kid = Encoding.ASCII.GetBytes(claims.KeyId);
        if (kid.Length is 0 or > MaxKeyIdLength)
        {
            throw new ArgumentException("The key id must be 1 to 16 ASCII characters.", nameof(claims));
        }

        var body = new byte[FixedBodyLength + kid.Length];
        claims.TicketId.TryWriteBytes(body.AsSpan(0, 16), bigEndian: true, out _);
        claims.EventId.TryWriteBytes(body.AsSpan(16, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(32, 4), claims.CodeVersion);
        kid.CopyTo(body, FixedBodyLength);
        var signed = Prefix + "." + Base64Url.EncodeToString(body);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Reads the claims without checking the signature; false for anything that is not a well-formed T1 code.</summary>
    public static bool TryParse(string? payload, out TicketCodeClaims claims)
    {
        claims = default;
        if (!Split(payload, out var signedLength, out var bodyText, out _))
        {
            return false;
        }

        Span<byte> body = stackalloc byte[FixedBodyLength + MaxKeyIdLength];
        if (!Base64Url.IsValid(bodyText, out var bodyLength) || bodyLength > body.Length ||
            !Base64Url.TryDecodeFromChars(bodyText, body, out var written) || written is <= FixedBodyLength or > FixedBodyLength + MaxKeyIdLength)
        {
            return false;
        }

        var kid = body[FixedBodyLength..written];
        foreach (var b in kid)
        {
            // Key ids are base64url characters; anything else is a forgery.
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_'))
            {
                return false;
            }
        }

        var version = BinaryPrimitives.ReadInt32BigEndian(body[32..36]);
        if (version < 1)
        {
            return false;
        }

        claims = new TicketCodeClaims(new Guid(body[..16], bigEndian: true), new Guid(body[16..32], bigEndian: true), version,
            Encoding.ASCII.GetString(kid));
        return signedLength > 0;
    }

    /// <summary>True when the payload is well formed and its signature verifies with the given public key.</summary>
    public static bool VerifySignature(string? payload, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!Split(payload, out var signedLength, out _, out var signatureText))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[SignatureLength + 3];
        if (!Base64Url.IsValid(signatureText, out var signatureLength) || signatureLength != SignatureLength ||
            !Base64Url.TryDecodeFromChars(signatureText, signature, out var written) || written != SignatureLength)
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(payload!, 0, signedLength);
        return publicKey.VerifyData(signed, signature[..SignatureLength], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool Split(string? payload, out int signedLength, out ReadOnlySpan<char> body, out ReadOnlySpan<char> signature)
    {
        signedLength = 0;
        body = default;
        signature = default;
        if (payload is null || payload.Length > MaxPayloadLength || !payload.StartsWith(Prefix + ".", StringComparison.Ordinal) || !Ascii.IsValid(payload))
        {
            return false;
        }

        var rest = payload.AsSpan(Prefix.Length + 1);
        var dot = rest.IndexOf('.');
        if (dot <= 0 || dot == rest.Length - 1 || rest[(dot + 1)..].Contains('.'))
        {
            return false;
        }

        body = rest[..dot];
        signature = rest[(dot + 1)..];
        signedLength = Prefix.Length + 1 + dot;
        return true;
    }
}
