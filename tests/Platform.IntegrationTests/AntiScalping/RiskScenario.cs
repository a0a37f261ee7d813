using System.Net.Http.Json;
using Platform.AntiScalping;
using Platform.Holds;
using Platform.Http;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.AntiScalping;

/// <summary>A GA event on sale, and buyers who hold and order from chosen addresses.</summary>
internal sealed class RiskScenario(CheckoutScenario checkout)
{
    public CheckoutScenario Checkout { get; } = checkout;

    public static async Task<RiskScenario> CreateAsync(PlatformFixture fixture, int capacity = 500) =>
        new(await CheckoutScenario.GaAsync(fixture, capacity));

    public HttpClient Owner => Checkout.Owner;

    public Task<HttpResponseMessage> SettingsAsync(string action, float threshold = RiskSettingsDefaults.Threshold, bool blockDisposable = false) =>
        Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action, threshold, blockDisposableEmail = blockDisposable });

    /// <summary>A hold then an order by one buyer from <paramref name="ip"/>; the order response (201) or the refusal.</summary>
    public async Task<HttpResponseMessage> BuyAsync(string email, string ip, int quantity = 2, string? phone = null)
    {
        var holdRequest = new HttpRequestMessage(HttpMethod.Post, $"{Checkout.Prefix}/holds")
        {
            Content = JsonContent.Create(new
            {
                eventId = Checkout.Event.Id, occurrenceId = Checkout.OccurrenceId, buyerEmail = email,
                lines = new[] { new { ticketTypeId = Checkout.TicketTypeId, quantity } },
            }),
            Headers = { { TestRemoteAddress.Header, ip } },
        };
        var hold = await (await Checkout.Public.SendAsync(holdRequest)).ReadAsync<HoldResponse>();
        return await Checkout.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Checkout.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Buyer " + email, email, phone } }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken }, { TestRemoteAddress.Header, ip } },
        });
    }

    public async Task<OrderResponse> PlaceAsync(string email, string ip, int quantity = 2, string? phone = null) =>
        await (await BuyAsync(email, ip, quantity, phone)).ReadAsync<OrderResponse>();

    public async Task<List<OrderReviewResponse>> QueueAsync(string status = "pending", HttpClient? client = null) =>
        [.. (await (await (client ?? Owner).GetAsync($"/api/v1/anti-scalping/reviews?status={status}&limit=200"))
            .ReadAsync<CursorPage<OrderReviewResponse>>()).Data];

    public Task<long> TicketsAsync(Guid orderId) =>
        Checkout.ScalarAsync<long>($"SELECT count(*) FROM tickets WHERE tenant_id = @t AND order_id = '{orderId}'");

    public Task<string> DecisionAsync(Guid orderId) =>
        Checkout.ScalarAsync<string>($"SELECT decision FROM order_risks WHERE tenant_id = @t AND order_id = '{orderId}'");
}
