using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Platform.Pricing;

namespace Platform.Api.Storefront;

/// <summary>
/// One line the buyer chose: a ticket type for one audience (adult, child, ...), how many; for reserved seating
/// either the seats picked on the map or a section to pick the best available seats in.
/// </summary>
public sealed record SelectedLine(Guid TicketTypeId, Audience Audience, int Quantity, IReadOnlyList<Guid>? SeatIds = null, Guid? SectionId = null);

/// <summary>What the checkout page needs to act for the buyer on a hold: its token, the lines as chosen, the promo code, the email held with.</summary>
public sealed record HeldSelection(string HoldToken, IReadOnlyList<SelectedLine> Lines, string? PromoCode, string Email);

/// <summary>
/// The buyer's keys, kept in their browser and never in a URL: per hold, the hold token and the selection
/// (authenticated-encrypted with Data Protection, so a tampered cookie reads as absent); and the orders this browser
/// has proven to own (placed here, or found by order + email), which the confirmation page requires. HttpOnly,
/// SameSite=Lax, scoped to the tenant's storefront path.
/// </summary>
public sealed class CheckoutState(IDataProtectionProvider protection, IHttpContextAccessor accessor)
{
    private const string HoldPrefix = "sf_hold_";
    private const string OrdersCookie = "sf_orders";
    private const int MaxOrders = 20;

    private readonly IDataProtector holds = protection.CreateProtector("Platform.Storefront.Hold.v1");
    private readonly IDataProtector orders = protection.CreateProtector("Platform.Storefront.Orders.v1");

    private HttpContext Http => accessor.HttpContext!;

    public void SaveHold(string tenant, Guid holdId, HeldSelection selection) =>
        Http.Response.Cookies.Append(HoldPrefix + holdId.ToString("N"), holds.Protect(JsonSerializer.Serialize(selection)), Options(tenant, TimeSpan.FromHours(2)));

    public HeldSelection? ReadHold(Guid holdId)
    {
        var raw = Http.Request.Cookies[HoldPrefix + holdId.ToString("N")];
        return raw is null ? null : Unprotect<HeldSelection>(holds, raw);
    }

    public void ForgetHold(string tenant, Guid holdId) =>
        Http.Response.Cookies.Delete(HoldPrefix + holdId.ToString("N"), Options(tenant, TimeSpan.Zero));

    public bool OwnsOrder(Guid orderId) => Orders().Contains(orderId);

    public void GrantOrder(string tenant, Guid orderId)
    {
        var list = Orders().Where(o => o != orderId).Prepend(orderId).Take(MaxOrders).ToList();
        Http.Response.Cookies.Append(OrdersCookie, orders.Protect(JsonSerializer.Serialize(list)), Options(tenant, TimeSpan.FromDays(30)));
    }

    private List<Guid> Orders()
    {
        var raw = Http.Request.Cookies[OrdersCookie];
        return raw is null ? [] : Unprotect<List<Guid>>(orders, raw) ?? [];
    }

    private CookieOptions Options(string tenant, TimeSpan lifetime) => new()
    {
        Path = "/t/" + tenant, HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = Http.Request.IsHttps,
        MaxAge = lifetime == TimeSpan.Zero ? null : lifetime,
    };

    private static T? Unprotect<T>(IDataProtector protector, string raw) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(protector.Unprotect(raw));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
