using Platform.Tickets;

namespace Platform.Api.Storefront;

/// <summary>
/// A ticket as the storefront shows it, with its holder access token (the same stateless token the ticket email
/// carries), so the QR image, the PDF and the ticket page are the public ticket endpoints with ?token=.
/// </summary>
public sealed record TicketCard(Guid Id, string Number, string TypeName, string? Seat, string Holder, bool Revoked, int TransferCount, string AccessToken);

internal static class TicketCards
{
    public static async Task<List<TicketCard>> ForOrderAsync(IServiceProvider services, Guid orderId, CancellationToken ct)
    {
        var tickets = services.GetRequiredService<TicketService>();
        var tokens = services.GetRequiredService<TicketAccessTokens>();
        var rows = await tickets.ForOrderAsync(orderId, ct);
        var responses = (await tickets.ToResponsesAsync(rows, ct)).ToDictionary(r => r.Id);
        return [.. rows.Select(t => Card(responses[t.Id], tokens.Issue(t)))];
    }

    public static TicketCard Card(TicketResponse r, string token) => new(r.Id, r.Number, r.TicketTypeName,
        r.Seat is { } s ? $"{s.Section} · {s.Row} · {s.Seat}" : null, r.Holder.Name, r.State == TicketState.Revoked, r.TransferCount, token);
}
