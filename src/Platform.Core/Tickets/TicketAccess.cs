using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Holds;
using Platform.Orders;

namespace Platform.Tickets;

/// <summary>
/// Who may see or move a ticket on the public surface: its holder, by the access token mailed to them (header
/// X-Ticket-Token, or ?token= for links opened from email; see <see cref="TicketAccessTokens"/>), or the buyer by the order token — but only while the
/// ticket has not been transferred away. Anything else reads as 404, never revealing that the ticket exists.
/// </summary>
internal static class TicketAccess
{
    public const string Header = "X-Ticket-Token";

    public static async Task<Ticket?> LoadAsync(Guid id, HttpRequest request, TicketService tickets, OrderService orders, CancellationToken ct)
    {
        return await LoadAsync(id, request, tickets, orders, request.HttpContext.RequestServices.GetRequiredService<TicketAccessTokens>(), ct);
    }

    private static async Task<Ticket?> LoadAsync(Guid id, HttpRequest request, TicketService tickets, OrderService orders, TicketAccessTokens tokens,
        CancellationToken ct)
    {
        var ticket = await tickets.FindAsync(id, ct);
        if (ticket is null)
        {
            return null;
        }

        var ticketToken = request.Headers[Header].FirstOrDefault() ?? request.Query["token"].FirstOrDefault();
        if (tokens.Matches(ticketToken, ticket))
        {
            return ticket;
        }

        var orderToken = request.Headers[OrderTokens.Header].FirstOrDefault();
        if (orderToken is not null && ticket.TransferCount == 0 && await orders.FindAsync(ticket.OrderId, ct) is { } order
            && HoldService.TokenMatches(orderToken, order.TokenHash))
        {
            return ticket;
        }

        return null;
    }
}
