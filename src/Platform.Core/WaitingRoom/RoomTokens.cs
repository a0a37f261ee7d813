using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.WaitingRoom;

/// <summary>What a queue ticket token says: whose ticket, in which room, lane and (once dealt) position.</summary>
public sealed record TicketClaim(Guid TenantId, Guid EventId, Guid TicketId, short Lane, long? Seq);

/// <summary>What a pass says: the ticket (and so the browser) it was issued to, its event, and when it ends.</summary>
public sealed record PassClaim(Guid TenantId, Guid EventId, Guid TicketId, DateTimeOffset ExpiresAt);

/// <summary>
/// Queue tickets and passes, signed and encrypted with the platform's Data Protection key ring (shared by every node,
/// ADR 0038). The ticket token is the browser's secret (an HttpOnly cookie, or a header for API clients); a pass names
/// the ticket it was issued to, so a pass copied into another browser — which holds another ticket, or none — is
/// refused. Separate purposes: a ticket token is never accepted as a pass or the other way round.
/// </summary>
public sealed class RoomTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector tickets = protection.CreateProtector("Platform.WaitingRoom.Ticket.v1");

    private readonly ITimeLimitedDataProtector passes = protection.CreateProtector("Platform.WaitingRoom.Pass.v1").ToTimeLimitedDataProtector();

    public string Ticket(TicketClaim claim) => tickets.Protect(string.Join('|', claim.TenantId.ToString("N"), claim.EventId.ToString("N"),
        claim.TicketId.ToString("N"), claim.Lane.ToString(CultureInfo.InvariantCulture), claim.Seq?.ToString(CultureInfo.InvariantCulture) ?? "-"));

    public TicketClaim? ReadTicket(string? token)
    {
        if (Unprotect(tickets, token) is not { } text || text.Split('|') is not [var t, var e, var id, var lane, var seq])
        {
            return null;
        }

        return new TicketClaim(Guid.ParseExact(t, "N"), Guid.ParseExact(e, "N"), Guid.ParseExact(id, "N"),
            short.Parse(lane, CultureInfo.InvariantCulture), seq == "-" ? null : long.Parse(seq, CultureInfo.InvariantCulture));
    }

    public string Pass(PassClaim claim) => passes.Protect(
        string.Join('|', claim.TenantId.ToString("N"), claim.EventId.ToString("N"), claim.TicketId.ToString("N")), claim.ExpiresAt);

    /// <summary>The pass's claim, or null when it is forged, altered, of another purpose or past its expiry.</summary>
    public PassClaim? ReadPass(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var text = passes.Unprotect(token, out var expiresAt);
            return text.Split('|') is [var t, var e, var id]
                ? new PassClaim(Guid.ParseExact(t, "N"), Guid.ParseExact(e, "N"), Guid.ParseExact(id, "N"), expiresAt)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Unprotect(IDataProtector protector, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
