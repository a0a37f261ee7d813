using System.Net.Http.Json;
using Platform.Authorization;
using Platform.Holds;
using Platform.Identity.OAuth;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Resellers;

namespace Platform.IntegrationTests.Resellers;

/// <summary>An on-sale GA event open on the web and reseller channels, and reseller API clients registered over HTTP.</summary>
internal sealed class ResellerScenario
{
    private readonly PlatformFixture fixture;

    private ResellerScenario(PlatformFixture fixture, CheckoutScenario checkout)
    {
        this.fixture = fixture;
        Checkout = checkout;
    }

    public CheckoutScenario Checkout { get; }

    public HttpClient Owner => Checkout.Owner;

    public Guid TenantId => Checkout.Events.Tenant.Id;

    public Guid EventId => Checkout.Event.Id;

    public Guid TicketTypeId => Checkout.TicketTypeId;

    public static async Task<ResellerScenario> CreateAsync(PlatformFixture fixture, int capacity = 100)
    {
        var s = new ResellerScenario(fixture, await CheckoutScenario.GaAsync(fixture, capacity));
        var opens = DateTimeOffset.UtcNow.AddDays(-1);
        var closes = DateTimeOffset.UtcNow.AddDays(29);
        (await s.Owner.PutAsJsonAsync($"/api/v1/events/{s.EventId}/sales-windows", new
        {
            salesWindows = new[] { new { channel = "web", opensAt = opens, closesAt = closes }, new { channel = "reseller", opensAt = opens, closesAt = closes } },
        })).EnsureSuccessStatusCode();
        return s;
    }

    /// <summary>Registers an API client of the tenant and returns its id and an HTTP client calling with its token.</summary>
    public async Task<(string ClientId, HttpClient Http)> ClientAsync(string name = "Agency")
    {
        var clientId = (await RegisterAsync(name)).Client.ClientId;
        return (clientId, fixture.CreateClient(TestCaller.ApiClientWithId(TenantId, clientId,
            PlatformScopes.EventsRead, PlatformScopes.OrdersRead, PlatformScopes.OrdersWrite)));
    }

    /// <summary>Registers an API client of the tenant (its secret is returned once).</summary>
    public async Task<ApiClientSecretResponse> RegisterAsync(string name) =>
        await (await Owner.PostAsJsonAsync("/api/v1/api-clients", new
        {
            name, scopes = new[] { PlatformScopes.EventsRead, PlatformScopes.OrdersRead, PlatformScopes.OrdersWrite },
        })).ReadAsync<ApiClientSecretResponse>();

    public Task<HttpResponseMessage> AllocateAsync(string clientId, int quantity, Guid? ticketTypeId = null, int? commissionBps = null,
        long? priceFloor = null, long? priceCeiling = null, Guid? eventId = null) =>
        Owner.PostAsJsonAsync(ResellerEndpoints.AllocationsPrefix, new
        {
            clientId, eventId = eventId ?? EventId, ticketTypeId, quantity, commissionBps, priceFloor, priceCeiling,
        });

    public async Task<AllocationResponse> AllocationAsync(string clientId, int quantity, Guid? ticketTypeId = null, int? commissionBps = null,
        long? priceFloor = null, long? priceCeiling = null, Guid? eventId = null) =>
        await (await AllocateAsync(clientId, quantity, ticketTypeId, commissionBps, priceFloor, priceCeiling, eventId)).ReadAsync<AllocationResponse>();

    public Task<HttpResponseMessage> HoldAsync(HttpClient client, int quantity, string? channel = null) =>
        client.PostAsJsonAsync("/api/v1/holds", new
        {
            eventId = EventId, occurrenceId = Checkout.OccurrenceId, channel,
            lines = new[] { new { ticketTypeId = TicketTypeId, quantity } },
        });

    public async Task<AllocationResponse> GetAllocationAsync(Guid id) =>
        await (await Owner.GetAsync($"{ResellerEndpoints.AllocationsPrefix}/{id}")).ReadAsync<AllocationResponse>();

    public Task<HttpResponseMessage> OrderAsync(HttpClient client, HoldResponse hold) =>
        client.PostAsJsonAsync("/api/v1/orders", new { holdId = hold.Id, buyer = new { name = "Grace Hopper", email = "grace@example.com" } });

    public Task<HttpResponseMessage> PayAsync(HttpClient client, OrderResponse order) =>
        client.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments", new { method = "sandbox", paymentToken = "tok_visa" });

    /// <summary>Hold → order → paid, all by the reseller.</summary>
    public async Task<OrderResponse> SellAsync(HttpClient client, int quantity)
    {
        var hold = await (await HoldAsync(client, quantity)).ReadAsync<HoldResponse>();
        var order = await (await OrderAsync(client, hold)).ReadAsync<OrderResponse>();
        return await (await PayAsync(client, order)).ReadAsync<OrderResponse>();
    }
}
