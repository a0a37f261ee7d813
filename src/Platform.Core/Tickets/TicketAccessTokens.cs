using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.Tickets;

/// <summary>
/// Holder access tokens (X-Ticket-Token): the ticket id and code version, authenticated-encrypted with Data
/// Protection. Stateless on purpose: minting one writes nothing, so delivering mail never races a transfer or a refund
/// on the ticket row; and because the code version is inside, a transfer retires the previous holder's token by itself.
/// </summary>
internal sealed class TicketAccessTokens(IDataProtectionProvider protection)
{
    private const int MaxLength = 400;
    private readonly IDataProtector protector = protection.CreateProtector("Platform.Tickets.Access.v1");

    public string Issue(Ticket ticket)
    {
        var plain = new byte[20];
        ticket.Id.TryWriteBytes(plain.AsSpan(0, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), ticket.CodeVersion);
        return Base64Url.EncodeToString(protector.Protect(plain));
    }

    public bool Matches(string? token, Ticket ticket)
    {
        if (token is null || token.Length > MaxLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        try
        {
            var plain = protector.Unprotect(Base64Url.DecodeFromChars(token));
            return plain.Length == 20 && new Guid(plain.AsSpan(0, 16), bigEndian: true) == ticket.Id
                && BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(16)) == ticket.CodeVersion;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
