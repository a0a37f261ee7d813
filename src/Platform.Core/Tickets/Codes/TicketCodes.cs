using Platform.Tenancy;

namespace Platform.Tickets.Codes;

/// <summary>
/// The result of checking a QR payload against the current tenant's published keys. <see cref="Ok"/> means the
/// signature verifies; whether the ticket still admits (state, <see cref="CodeVersion"/> against the ticket's
/// current version, event) is the caller's decision. <see cref="Failure"/>: malformed, unknown_key or bad_signature.
/// </summary>
public sealed record TicketCodeVerification(bool Ok, string? Failure, Guid TenantId, Guid TicketId, Guid EventId, int CodeVersion, string? KeyId)
{
    public const string Malformed = "malformed";
    public const string UnknownKey = "unknown_key";
    public const string BadSignature = "bad_signature";
}

/// <summary>Signs and verifies ticket QR payloads with the current tenant's keys (see <see cref="TicketCode"/> for the format).</summary>
public sealed class TicketCodes
{
    private readonly TicketKeyStore keys;
    private readonly TenantContext tenant;

    internal TicketCodes(TicketKeyStore keys, TenantContext tenant)
    {
        this.keys = keys;
        this.tenant = tenant;
    }

    /// <summary>A fresh payload for the ticket's current code version, signed with the tenant's active key.</summary>
    public async Task<string> SignAsync(Ticket ticket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return await keys.WithActiveKeyAsync((kid, key) => TicketCode.Sign(new TicketCodeClaims(ticket.Id, ticket.EventId, ticket.CodeVersion, kid), key), ct);
    }

    /// <summary>Fresh payloads for several tickets with one key load.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> SignAsync(IReadOnlyCollection<Ticket> tickets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        if (tickets.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        return await keys.WithActiveKeyAsync(
            (kid, key) => (IReadOnlyDictionary<Guid, string>)tickets.ToDictionary(t => t.Id, t => TicketCode.Sign(new TicketCodeClaims(t.Id, t.EventId, t.CodeVersion, kid), key)), ct);
    }

    /// <summary>Checks the payload's format and signature against the tenant's keys (active and retired).</summary>
    public async Task<TicketCodeVerification> VerifyAsync(string? payload, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        if (!TicketCode.TryParse(payload, out var claims))
        {
            return new TicketCodeVerification(false, TicketCodeVerification.Malformed, tenantId, Guid.Empty, Guid.Empty, 0, null);
        }

        var published = await keys.PublicKeysAsync(claims.KeyId, ct);
        var match = published.FirstOrDefault(k => k.Kid == claims.KeyId);
        if (match is null)
        {
            return new TicketCodeVerification(false, TicketCodeVerification.UnknownKey, tenantId, claims.TicketId, claims.EventId, claims.CodeVersion, claims.KeyId);
        }

        // The imported key is reused (TicketVerifiers): importing it again per scan cost as much as the verification.
        var ok = TicketVerifiers.Verify(match, payload);
        return new TicketCodeVerification(ok, ok ? null : TicketCodeVerification.BadSignature, tenantId, claims.TicketId, claims.EventId,
            claims.CodeVersion, claims.KeyId);
    }
}
