using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Storefront;
using Platform.Events;
using Platform.Orders;
using Platform.Persistence;
using Platform.Pricing.Quotes;

namespace Platform.Api.Pages.Storefront.Orders;

/// <summary>
/// The confirmation: the order, its locked price breakdown and its tickets (QR, PDF, ticket page). Only a browser that
/// placed the order or proved it by order + email sees it; for anyone else it does not exist (404 page).
/// </summary>
[AllowAnonymous]
public sealed class OrderModel(PlatformDbContext db, CheckoutState state) : StorefrontPage
{
    private static readonly JsonSerializerOptions QuoteJson = new(JsonSerializerDefaults.Web);

    public Order Order { get; private set; } = null!;

    public Event? Event { get; private set; }

    public EventOccurrence? Occurrence { get; private set; }

    public QuoteResponse Quote { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, string> TypeNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<TicketCard> Tickets { get; private set; } = [];

    public string TicketApi => $"/api/v1/public/tenants/{Shop.Slug}/tickets";

    public async Task<IActionResult> OnGetAsync(Guid orderId, CancellationToken ct)
    {
        if (!state.OwnsOrder(orderId) || await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct) is not { } order)
        {
            return NotFoundPage();
        }

        Order = order;
        Quote = JsonSerializer.Deserialize<QuoteResponse>(order.QuoteJson, QuoteJson)!;
        Event = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == order.EventId, ct);
        Occurrence = await db.Set<EventOccurrence>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == order.OccurrenceId, ct);
        TypeNames = await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == order.EventId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        Tickets = await TicketCards.ForOrderAsync(HttpContext.RequestServices, orderId, ct);
        return Page();
    }
}
