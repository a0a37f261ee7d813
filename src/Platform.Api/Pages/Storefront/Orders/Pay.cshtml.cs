using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Storefront;
using Platform.Events;
using Platform.Http;
using Platform.Orders;
using Platform.Payments;
using Platform.Persistence;
using Platform.Pricing.Quotes;

namespace Platform.Api.Pages.Storefront.Orders;

/// <summary>
/// Paying an order with Stripe's Payment Element: the page loads Stripe.js with the session's publishable key (and
/// the connected account), mounts the element on the intent's client secret, and confirms in the browser; Stripe
/// then sends the buyer back to the order page, which asks Stripe itself whether the payment succeeded. Only the
/// browser that placed the order reaches it (anyone else: the 404 page), and the page is never cached: it holds the
/// client secret. The hold's countdown stays visible: the order must be paid before the hold expires.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PayModel(PlatformDbContext db, CheckoutState state, StorefrontStripe stripe) : StorefrontPage
{
    private static readonly JsonSerializerOptions QuoteJson = new(JsonSerializerDefaults.Web);

    public Order Order { get; private set; } = null!;

    public Event? Event { get; private set; }

    /// <summary>The intent to confirm; null when it could not be started (the page then shows why).</summary>
    public PaymentSession? Session { get; private set; }

    public QuoteResponse Quote { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, string> TypeNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Where Stripe sends the buyer after confirming (it appends payment_intent and redirect_status).</summary>
    public string ReturnUrl => $"{Request.Scheme}://{Request.Host}{Root}/orders/{Order.Id}";

    /// <summary>Stripe.js's locale: the storefront's language ("zh" for zh-CN, Stripe's code for Simplified Chinese).</summary>
    public string StripeLocale => Language == "zh-CN" ? "zh" : "en";

    public async Task<IActionResult> OnGetAsync(Guid orderId, CancellationToken ct)
    {
        if (!state.OwnsOrder(orderId) || await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct) is not { } order)
        {
            return NotFoundPage();
        }

        if (order.State != OrderState.PendingPayment)
        {
            return Redirect($"{Root}/orders/{orderId}");
        }

        Order = order;
        try
        {
            if (await stripe.StartAsync(order, ct) is not { } session)
            {
                return Redirect($"{Root}/orders/{orderId}");
            }

            Session = session;
        }
        catch (ApiException ex)
        {
            // The hold expired meanwhile (order_expired) or Stripe could not be reached (stripe_error): say so, in the buyer's language.
            Problem = Explain(ex);
        }

        Quote = JsonSerializer.Deserialize<QuoteResponse>(order.QuoteJson, QuoteJson)!;
        Event = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == order.EventId, ct);
        TypeNames = await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == order.EventId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return Page();
    }
}
