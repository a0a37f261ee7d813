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
public sealed class OrderModel(PlatformDbContext db, CheckoutState state, StorefrontStripe stripe) : StorefrontPage
{
    private static readonly JsonSerializerOptions QuoteJson = new(JsonSerializerDefaults.Web);

    public Order Order { get; private set; } = null!;

    public Event? Event { get; private set; }

    public EventOccurrence? Occurrence { get; private set; }

    public QuoteResponse Quote { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, string> TypeNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<TicketCard> Tickets { get; private set; } = [];

    public string TicketApi => $"/api/v1/public/tenants/{Shop.Slug}/tickets";

    /// <summary>A Stripe payment was started for this unpaid order: the page offers to (go on) paying.</summary>
    public bool PaysWithStripe { get; private set; }

    /// <summary>Back from Stripe with a confirmation Stripe has not reported as succeeded yet: the page refreshes itself.</summary>
    public bool Processing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orderId, CancellationToken ct)
    {
        if (!state.OwnsOrder(orderId) || await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct) is not { } order)
        {
            return NotFoundPage();
        }

        if (order.State == OrderState.PendingPayment && await stripe.HasIntentAsync(orderId, ct))
        {
            order = await ConvergeWithStripeAsync(order, ct);
        }

        Order = order;
        Quote = JsonSerializer.Deserialize<QuoteResponse>(order.QuoteJson, QuoteJson)!;
        Event = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == order.EventId, ct);
        Occurrence = await db.Set<EventOccurrence>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == order.OccurrenceId, ct);
        TypeNames = await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == order.EventId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        Tickets = await TicketCards.ForOrderAsync(HttpContext.RequestServices, orderId, ct);
        return Page();
    }

    /// <summary>
    /// Asks Stripe (server-side, with the tenant's key) about the order's intent: a succeeded one completes the order
    /// now, without waiting for the webhook. The return URL's redirect_status only chooses what to say meanwhile; it
    /// is the buyer's to forge and decides nothing.
    /// </summary>
    private async Task<Order> ConvergeWithStripeAsync(Order order, CancellationToken ct)
    {
        PaysWithStripe = true;
        try
        {
            if (await stripe.StartAsync(order, ct) is null)
            {
                db.ChangeTracker.Clear();
                return await db.Set<Order>().AsNoTracking().FirstAsync(o => o.Id == order.Id, ct);
            }
        }
        catch (Platform.Http.ApiException ex)
        {
            Problem = Explain(ex);
            return order;
        }

        var status = Request.Query["redirect_status"].ToString();
        Processing = status is "succeeded" or "processing";
        if (status == "failed")
        {
            Problem = T["pay.failed"];
        }

        return order;
    }
}
