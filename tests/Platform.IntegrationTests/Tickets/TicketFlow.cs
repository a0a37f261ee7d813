using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Tickets;

namespace Platform.IntegrationTests.Tickets;

/// <summary>Ticket steps over HTTP on top of the checkout scenario: pay an order, list its tickets, check codes with the published keys.</summary>
internal static class TicketFlow
{
    public static async Task<(OrderResponse Order, IReadOnlyList<TicketResponse> Tickets)> PaidOrderAsync(this CheckoutScenario s, int quantity = 2,
        string email = "buyer@example.com")
    {
        var order = await s.PlaceAsync(quantity, email);
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        return (order, await s.StaffTicketsAsync(order.Id));
    }

    public static async Task<IReadOnlyList<TicketResponse>> StaffTicketsAsync(this CheckoutScenario s, Guid orderId) =>
        (await (await s.Owner.GetAsync($"/api/v1/orders/{orderId}/tickets")).ReadAsync<TicketListResponse>()).Data;

    public static async Task<TicketJsonWebKeySet> KeysAsync(this CheckoutScenario s) =>
        await (await s.Public.GetAsync($"{s.Prefix}/ticket-keys")).ReadAsync<TicketJsonWebKeySet>();

    /// <summary>Verifies a payload the way an offline gate would: only the published JWK set.</summary>
    public static bool VerifiesWith(TicketJsonWebKeySet keys, string payload)
    {
        if (!Platform.Tickets.Codes.TicketCode.TryParse(payload, out var claims) || keys.Keys.FirstOrDefault(k => k.Kid == claims.KeyId) is not { } jwk)
        {
            return false;
        }

        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X), Y = Base64Url.DecodeFromChars(jwk.Y) },
        });
        return Platform.Tickets.Codes.TicketCode.VerifySignature(payload, key);
    }

    public static HttpRequestMessage WithOrderToken(HttpMethod method, string url, OrderResponse order, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Headers = { { OrderTokens.Header, order.OrderToken } } };
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
