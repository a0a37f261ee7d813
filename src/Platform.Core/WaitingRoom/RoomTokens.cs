using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.WaitingRoom;

/// <summary>
/// What a queue ticket token says: whose ticket, in which room, lane and (once dealt) position; <c>Member</c> is the
/// member-list hash of the e-mail a member joined with (null otherwise).
/// </summary>
public sealed record TicketClaim(Guid TenantId, Guid EventId, Guid TicketId, short Lane, long? Seq, string? Member = null);

/// <summary>
/// What a pass says: the ticket (and so the browser) it was issued to, its event, and when it ends; <c>Member</c>: the
/// member-list hash the holds of this pass must match (the pass is bound to the member's e-mail).
/// </summary>
public sealed record PassClaim(Guid TenantId, Guid EventId, Guid TicketId, DateTimeOffset ExpiresAt, string? Member = null);

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
        claim.TicketId.ToString("N"), claim.Lane.ToString(CultureInfo.InvariantCulture), claim.Seq?.ToString(CultureInfo.InvariantCulture) ?? "-",
        claim.Member ?? "-"));

    public TicketClaim? ReadTicket(string? token)
    {
        // Five fields: a token from before member lists (no member); six: with the member hash or "-".
        if (Unprotect(tickets, token)?.Split('|') is not { Length: 5 or 6 } parts)
        {
            return null;
        }

        var member = parts.Length == 6 && parts[5] != "-" ? parts[5] : null;
        return new TicketClaim(Guid.ParseExact(parts[0], "N"), Guid.ParseExact(parts[1], "N"), Guid.ParseExact(parts[2], "N"),
            short.Parse(parts[3], CultureInfo.InvariantCulture), parts[4] == "-" ? null : long.Parse(parts[4], CultureInfo.InvariantCulture), member);
    }

    public string Pass(PassClaim claim) => passes.Protect(
        string.Join('|', claim.TenantId.ToString("N"), claim.EventId.ToString("N"), claim.TicketId.ToString("N"), claim.Member ?? "-"), claim.ExpiresAt);

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
            return text.Split('|') switch
            {
                [var t, var e, var id] => new PassClaim(Guid.ParseExact(t, "N"), Guid.ParseExact(e, "N"), Guid.ParseExact(id, "N"), expiresAt),
                [var t, var e, var id, var member] => new PassClaim(Guid.ParseExact(t, "N"), Guid.ParseExact(e, "N"), Guid.ParseExact(id, "N"), expiresAt,
                    member == "-" ? null : member),
                _ => null,
            };
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
