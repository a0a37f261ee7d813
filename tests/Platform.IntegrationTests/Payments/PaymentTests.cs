using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Payments;

[Collection(PlatformCollection.Name)]
public sealed class PaymentTests(PlatformFixture fixture)
{
    [Fact]
    public async Task PayOrder_Sandbox_PaidHeldBecomesSoldTestMode()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(2);

        var paid = await (await s.PayAsync(order)).ReadAsync<OrderResponse>();

        Assert.Equal(OrderState.Paid, paid.State);
        Assert.NotNull(paid.PaidAt);
        var payment = Assert.Single(paid.Payments);
        Assert.Equal(("sandbox", "succeeded", 5000L, true), (payment.Provider, payment.Status, payment.Amount, payment.TestMode));
        var counter = await s.SettledCounterAsync();
        Assert.Equal((0, 2), (counter.Held, counter.Sold));
        Assert.Equal("converted", await s.ScalarAsync<string>($"SELECT state FROM holds WHERE tenant_id = @t AND id = '{order.HoldId}'"));
    }

    [Fact]
    public async Task PayOrder_Twice_409AndOnePayment()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => s.PayAsync(order)));
        var later = await s.PayAsync(order);

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal("order_already_paid", (await later.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));
        Assert.Equal(1, (await s.SettledCounterAsync()).Sold);
    }

    [Fact]
    public async Task PayOrder_DeclineToken_402NothingMovedAttemptRecorded()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(1);

        var declined = await s.PayAsync(order, "tok_decline");

        Assert.Equal("card_declined", (await declined.ProblemAsync(HttpStatusCode.PaymentRequired)).Code());
        var counter = await s.CounterAsync();
        Assert.Equal((1, 0), (counter.Held, counter.Sold));
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'failed'"));
        Assert.Equal(OrderState.Paid, (await (await s.PayAsync(order)).ReadAsync<OrderResponse>()).State);
    }

    [Fact]
    public async Task PayOrder_AfterHoldExpired_409OrderExpired()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(1);
        await s.ExpireAsync(order.HoldId);

        var response = await s.PayAsync(order);

        Assert.Equal("order_expired", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(0, (await s.CounterAsync()).Sold);
        var fetched = await (await s.Owner.GetAsync($"/api/v1/orders/{order.Id}")).ReadAsync<OrderResponse>();
        Assert.Equal(OrderState.Expired, fetched.State);
    }

    [Fact]
    public async Task PayOrder_BoxOfficeCashAndTerminal_RecordedByStaffOnly()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));
        var cashOrder = await s.PlaceAsync(1, "cash@example.com");
        var cardOrder = await s.PlaceAsync(1, "card@example.com");

        var publicCash = await s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{cashOrder.Id}/payments")
        {
            Content = JsonContent.Create(new { method = "cash" }), Headers = { { OrderTokens.Header, cashOrder.OrderToken } },
        });
        var cash = await (await boxOffice.PostAsJsonAsync($"/api/v1/orders/{cashOrder.Id}/payments", new { method = "cash" })).ReadAsync<OrderResponse>();
        var noReference = await boxOffice.PostAsJsonAsync($"/api/v1/orders/{cardOrder.Id}/payments", new { method = "card_terminal" });
        var card = await (await boxOffice.PostAsJsonAsync($"/api/v1/orders/{cardOrder.Id}/payments", new { method = "card_terminal", reference = "T-991" }))
            .ReadAsync<OrderResponse>();

        Assert.Contains("method", (await publicCash.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(("cash", false), (cash.Payments[0].Provider, cash.Payments[0].TestMode));
        Assert.Contains("reference", (await noReference.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(("card_terminal", "T-991", OrderState.Paid), (card.Payments[0].Provider, card.Payments[0].Reference, card.State));
    }

    [Fact]
    public async Task RefundOrder_PerTicketThenRest_PartiallyRefundedThenRefunded()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(3);
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var lineId = order.Lines[0].Id;

        var partial = await (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds",
            new { reason = "cannot attend", lines = new[] { new { lineId, quantity = 1 } } })).ReadAsync<OrderResponse>();
        var noReason = await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { lines = new[] { new { lineId, quantity = 1 } } });
        var tooMany = await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds",
            new { reason = "x", lines = new[] { new { lineId, quantity = 3 } } });
        var full = await (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "event moved" })).ReadAsync<OrderResponse>();
        var again = await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "again" });

        Assert.Equal((OrderState.PartiallyRefunded, 2500L, 1), (partial.State, partial.RefundedAmount, partial.Lines[0].RefundedQuantity));
        Assert.Contains("reason", (await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("lines[0].quantity", (await tooMany.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal((OrderState.Refunded, 7500L), (full.State, full.RefundedAmount));
        Assert.Equal(["cannot attend", "event moved"], full.Payments.Where(p => p.Kind == "refund").Select(p => p.Reason));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}

[Collection(PlatformCollection.Name)]
public sealed class OrderOutboxTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Checkout_CreatePayRefundExpire_OneOutboxEventEachInTheSameTransaction()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(1, "a@example.com");
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "changed plans" })).EnsureSuccessStatusCode();
        var unpaid = await s.PlaceAsync(1, "b@example.com");
        await s.ExpireAsync(unpaid.HoldId);
        Assert.Equal(HttpStatusCode.Conflict, (await s.PayAsync(unpaid)).StatusCode);

        async Task<long> Count(string type, Guid orderId) => await s.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox_messages WHERE tenant_id = @t AND type = '{type}' AND payload::jsonb ->> 'orderId' = '{orderId}'");

        Assert.Equal(1L, await Count("order.created", order.Id));
        Assert.Equal(1L, await Count("order.paid", order.Id));
        Assert.Equal(1L, await Count("order.refunded", order.Id));
        Assert.Equal(1L, await Count("order.created", unpaid.Id));
        Assert.Equal(1L, await Count("order.expired", unpaid.Id));
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE tenant_id = @t AND payload::text ILIKE '%example.com%'"));
    }
}
