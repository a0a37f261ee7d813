using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Orders;

[Collection(PlatformCollection.Name)]
public sealed class OrderTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateOrder_FromHold_LocksQuoteAndEncryptsBuyer()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var hold = await s.HoldAsync(2);

        var response = await s.OrderAsync(hold);

        var order = await response.ReadAsync<OrderResponse>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((OrderState.PendingPayment, 5000L, 5000L), (order.State, order.Subtotal, order.Total));
        Assert.Equal(hold.ExpiresAt, order.PaymentDueAt);
        Assert.False(string.IsNullOrEmpty(order.OrderToken));
        Assert.Equal(5000L, order.Quote.Total);
        Assert.Equal(0L, await s.ScalarAsync<long>(
            "SELECT count(*) FROM orders WHERE tenant_id = @t AND (buyer_email_protected ILIKE '%example%' OR buyer_name_protected LIKE '%Ada%')"));
        var fetched = await (await s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{s.Prefix}/orders/{order.Id}")
        {
            Headers = { { OrderTokens.Header, order.OrderToken } },
        })).ReadAsync<OrderResponse>();
        Assert.Equal(new BuyerResponse("Ada Lovelace", "Ada@Example.com", "+49 30 1234567"), fetched.Buyer);
        Assert.Null(fetched.OrderToken);
    }

    [Fact]
    public async Task CreateOrder_WithVoucher_DiscountLockedAndRedeemedOnce()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        (await s.Owner.PostAsJsonAsync("/api/v1/vouchers", new { code = "TENOFF", valueType = "percentage", basisPoints = 1000, maxUses = 1 }))
            .EnsureSuccessStatusCode();

        var order = await (await s.OrderAsync(await s.HoldAsync(2), promoCode: "tenoff")).ReadAsync<OrderResponse>();
        var second = await s.OrderAsync(await s.HoldAsync(1, "other@example.com"), promoCode: "TENOFF", email: "other@example.com");

        Assert.Equal((500L, 4500L, "TENOFF"), (order.Discount, order.Total, order.PromoCode));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM voucher_redemptions WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task CreateOrder_ExpiredOrUsedHold_409AndNothingCreated()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var expired = await s.HoldAsync(1, "a@example.com");
        var used = await s.HoldAsync(1, "b@example.com");
        (await s.OrderAsync(used)).EnsureSuccessStatusCode();
        await s.ExpireAsync(expired.Id);

        Assert.Equal("hold_expired", (await (await s.OrderAsync(expired)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("hold_already_ordered", (await (await s.OrderAsync(used)).ProblemAsync(HttpStatusCode.Conflict)).Code());
        var release = await s.Public.SendAsync(s.WithToken(HttpMethod.Delete, $"{s.Prefix}/holds/{used.Id}", used));
        Assert.Equal(HttpStatusCode.Conflict, release.StatusCode);
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task CreateOrder_SameIdempotencyKeyAndBody_ReplaysIdenticalResponse()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var hold = await s.HoldAsync(1);

        var first = await s.OrderAsync(hold, "key-1");
        var again = await s.OrderAsync(hold, "key-1");
        var otherBody = await s.OrderAsync(hold, "key-1", name: "Someone Else");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("idempotency_key_reused", (await otherBody.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task CreateHold_ConcurrentDuplicatesOfOneKey_OneHoldOthers409OrReplay()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var body = new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "dup@example.com",
            lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 1 } },
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/holds")
        {
            Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", "same-key" } },
        })));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single((await Task.WhenAll(created.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("idempotency_in_flight", (await conflict.ProblemAsync(HttpStatusCode.Conflict)).Code());
        }

        Assert.Equal(1, (await s.CounterAsync()).Held);
    }

    [Fact]
    public async Task CreateOrder_SameKeyOtherCaller_NotShared()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var a = await s.HoldAsync(1, "a@example.com");
        var b = await s.HoldAsync(1, "b@example.com");

        var first = await s.OrderAsync(a, "shared-key", email: "a@example.com");
        var second = await s.OrderAsync(b, "shared-key", email: "b@example.com");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual((await first.ReadAsync<OrderResponse>()).Id, (await second.ReadAsync<OrderResponse>()).Id);
    }

    [Fact]
    public async Task GetOrder_OtherTenantOrWrongToken_404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync();
        var other = await fixture.CreateTenantAsync();
        var stranger = fixture.CreateClient(TestCaller.TenantMember(other.Id, "owner"));

        await (await stranger.GetAsync($"/api/v1/orders/{order.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments", new { method = "cash" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Public.GetAsync($"{s.Prefix}/orders/{order.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var mine = await (await s.Owner.GetAsync($"/api/v1/orders/{order.Id}")).ReadAsync<OrderResponse>();
        Assert.Equal("Ada Lovelace", mine.Buyer.Name);
    }

    [Fact]
    public async Task CreateOrder_MissingBuyer_422NamingFields()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var hold = await s.HoldAsync(1);

        var response = await s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "" } }),
            Headers = { { Platform.Holds.HoldEndpoints.TokenHeader, hold.HoldToken } },
        });

        var fields = (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields().ToList();
        Assert.Contains("buyer.name", fields);
        Assert.Contains("buyer.email", fields);
    }
}
