using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Api.Storefront;
using Platform.Holds;
using Platform.Orders;
using Platform.RateLimiting;

namespace Platform.Api.Pages.Storefront.Tickets;

/// <summary>
/// "My tickets": the buyer proves an order by its reference and the email it was placed with (the same check as
/// POST .../tickets/lookup: one answer for a wrong order and a wrong email, compared in constant time, rate limited
/// like checkout), and this browser may then open the order's confirmation page.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Checkout)]
public sealed class LookupModel(OrderService orders, CheckoutState state) : StorefrontPage
{
    [BindProperty]
    public string? OrderReference { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var presented = HoldService.EmailKey(Email?.Trim());
        if (!Guid.TryParse(OrderReference?.Trim(), out var orderId) || presented is null
            || await orders.FindAsync(orderId, ct) is not { } order
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(order.BuyerEmailHash)))
        {
            Problem = T["lookup.notfound"];
            return Page();
        }

        state.GrantOrder(Shop.Slug, order.Id);
        return Redirect($"{Root}/orders/{order.Id}");
    }
}
