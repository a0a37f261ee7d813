using System.Net;
using System.Net.Http.Json;
using Platform.CashUp;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.CashUp;

/// <summary>
/// The day's cash-up per seller (GET/POST /api/v1/box-office/cash-up): totals from the payments and refunds each
/// seller took at the box office, isolated per seller and tenant, counted once per day with audited corrections.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CashUpTests(PlatformFixture fixture)
{
    [Fact]
    public async Task GetCashUp_AfterCashAndCardSalesAndACashRefund_ExpectedCashIsPaidMinusRefunded()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 30);
        var tenantId = s.Events.Tenant.Id;
        var seller = TestCaller.TenantMember(tenantId, "box_office");
        var sam = fixture.CreateClient(seller);
        var other = fixture.CreateClient(TestCaller.TenantMember(tenantId, "box_office"));

        var cash1 = await SellAsync(s, sam, 2, "cash");
        var cash2 = await SellAsync(s, sam, 1, "cash");
        var card = await SellAsync(s, sam, 3, "card_terminal", "T-42");
        // One ticket of the first cash sale goes back, paid out of Sam's drawer.
        var refunded = await (await sam.PostAsJsonAsync($"/api/v1/orders/{cash1.Id}/refunds",
            new { reason = "Cannot come", lines = new[] { new { lineId = cash1.Lines[0].Id, quantity = 1 } } })).ReadAsync<OrderResponse>();
        // Another seller's cash sale and a web (sandbox) sale are not in Sam's drawer.
        await SellAsync(s, other, 4, "cash");
        (await s.PayAsync(await s.PlaceAsync(1))).EnsureSuccessStatusCode();
        // The same person (same subject) selling in another tenant: not this tenant's money.
        var elsewhere = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await SellAsync(elsewhere, fixture.CreateClient(seller with { TenantId = elsewhere.Events.Tenant.Id }), 5, "cash");

        var day = await (await sam.GetAsync("/api/v1/box-office/cash-up")).ReadAsync<CashUpResponse>();

        var mine = Assert.Single(day.Sellers);
        Assert.Equal(seller.Subject, mine.SellerId);
        Assert.Equal(new CashUpMethodTotals(cash1.Total + cash2.Total, 2, refunded.RefundedAmount, 1, cash1.Total + cash2.Total - refunded.RefundedAmount), mine.Cash);
        Assert.Equal(new CashUpMethodTotals(card.Total, 1, 0, 0, card.Total), mine.CardTerminal);
        Assert.Equal(cash1.Total + cash2.Total - refunded.RefundedAmount, mine.ExpectedCash);
        Assert.True(refunded.RefundedAmount > 0);
        Assert.Null(mine.Count);
    }

    [Fact]
    public async Task GetCashUp_SellerAsksForAnothersOrFinanceForAll_SellerRefusedFinanceSeesEverySeller()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var tenantId = s.Events.Tenant.Id;
        var (a, b) = (TestCaller.TenantMember(tenantId, "box_office"), TestCaller.TenantMember(tenantId, "box_office"));
        var saleA = await SellAsync(s, fixture.CreateClient(a), 1, "cash");
        var saleB = await SellAsync(s, fixture.CreateClient(b), 2, "cash");
        var sellerA = fixture.CreateClient(a);

        var refused = await sellerA.GetAsync($"/api/v1/box-office/cash-up?sellerId={b.Subject}");
        var own = await (await sellerA.GetAsync($"/api/v1/box-office/cash-up?sellerId={a.Subject}")).ReadAsync<CashUpResponse>();
        var finance = fixture.CreateClient(TestCaller.TenantMember(tenantId, "finance"));
        var all = await (await finance.GetAsync("/api/v1/box-office/cash-up")).ReadAsync<CashUpResponse>();
        var onlyB = await (await finance.GetAsync($"/api/v1/box-office/cash-up?sellerId={b.Subject}")).ReadAsync<CashUpResponse>();
        var scanner = await fixture.CreateClient(TestCaller.TenantMember(tenantId, "scanner")).GetAsync("/api/v1/box-office/cash-up");
        var financeCounts = await finance.PostAsJsonAsync("/api/v1/box-office/cash-up", new { countedCash = 0 });

        Assert.Equal("cash_up_other_seller", (await refused.ProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal(saleA.Total, Assert.Single(own.Sellers).ExpectedCash);
        Assert.Equal(
            new[] { (a.Subject, saleA.Total), (b.Subject, saleB.Total) }.OrderBy(x => x.Subject, StringComparer.CurrentCulture),
            all.Sellers.Select(x => (x.SellerId, x.ExpectedCash)));
        Assert.Equal(b.Subject, Assert.Single(onlyB.Sellers).SellerId);
        await scanner.ProblemAsync(HttpStatusCode.Forbidden);
        await financeCounts.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RecordCashCount_CountedDiffers_DifferenceKept_SecondCount409_CorrectionAuditedAsNewRevision()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var seller = TestCaller.TenantMember(s.Events.Tenant.Id, "box_office");
        var sam = fixture.CreateClient(seller);
        var sale = await SellAsync(s, sam, 2, "cash");

        var counted = await sam.PostAsJsonAsync("/api/v1/box-office/cash-up", new { countedCash = sale.Total - 500, note = "One note short" });
        var again = await sam.PostAsJsonAsync("/api/v1/box-office/cash-up", new { countedCash = sale.Total });
        var noNote = await sam.PostAsJsonAsync("/api/v1/box-office/cash-up", new { countedCash = sale.Total, correction = true });
        var corrected = await sam.PostAsJsonAsync("/api/v1/box-office/cash-up", new { countedCash = sale.Total, correction = true, note = "Found it under the till" });

        var first = Assert.Single((await counted.ReadAsync<CashUpResponse>()).Sellers);
        Assert.Equal(HttpStatusCode.Created, counted.StatusCode);
        Assert.Equal((1, sale.Total, sale.Total - 500, -500L), (first.Count!.Revision, first.Count.ExpectedCash, first.Count.CountedCash, first.Count.Difference));
        Assert.Equal("cash_up_already_counted", (await again.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Contains("note", (await noNote.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var now = Assert.Single((await corrected.ReadAsync<CashUpResponse>()).Sellers);
        Assert.Equal((2, 0L, "Found it under the till"), (now.Count!.Revision, now.Count.Difference, now.Count.Note));
        Assert.Equal([1, 2], now.Revisions.Select(r => r.Revision));
        var audit = await (await s.Owner.GetAsync("/api/v1/audit-log?limit=100")).Content.ReadAsStringAsync();
        Assert.Contains("box_office.cash_count_corrected", audit);
        Assert.Contains("box_office.cash_count_recorded", audit);
    }

    [Theory]
    [InlineData("/api/v1/box-office/cash-up?date=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/box-office/cash-up?date=1999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/box-office/cash-up?date=2999-01-01", HttpStatusCode.BadRequest)]
    public async Task GetCashUp_BadDate_400Problem(string url, HttpStatusCode status)
    {
        var tenant = await fixture.CreateTenantAsync("cu");
        var response = await fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "box_office")).GetAsync(url);

        await response.ProblemAsync(status);
    }

    [Fact]
    public async Task RecordCashCount_BadInput_422NamingTheField()
    {
        var tenant = await fixture.CreateTenantAsync("cu");
        var seller = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "box_office"));

        async Task<IEnumerable<string>> FieldsAsync(object body) =>
            (await (await seller.PostAsJsonAsync("/api/v1/box-office/cash-up", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields();

        Assert.Contains("countedCash", await FieldsAsync(new { note = "no amount" }));
        Assert.Contains("countedCash", await FieldsAsync(new { countedCash = -1 }));
        Assert.Contains("currency", await FieldsAsync(new { countedCash = 1, currency = "euro" }));
        Assert.Contains("date", await FieldsAsync(new { countedCash = 1, date = "2999-01-01" }));
        Assert.Contains("correction", await FieldsAsync(new { countedCash = 1, correction = true, note = "nothing to correct yet" }));
    }

    /// <summary>
    /// A sale by <paramref name="seller"/>: staff hold → order → payment with cash or the card terminal. The scenario's
    /// event has a web sales window only, so the staff hold names that channel; the cash-up counts by who took the
    /// money and how, whatever the channel.
    /// </summary>
    internal static async Task<OrderResponse> SellAsync(CheckoutScenario s, HttpClient seller, int quantity, string method, string? reference = null)
    {
        var hold = await (await seller.PostAsJsonAsync("/api/v1/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity } }, channel = "web",
        })).ReadAsync<HoldResponse>();
        var order = await (await seller.PostAsJsonAsync("/api/v1/orders", new { holdId = hold.Id, buyer = new { name = "Walk-up", email = "walkup@example.com" } }))
            .ReadAsync<OrderResponse>();
        return await (await seller.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments", new { method, reference })).ReadAsync<OrderResponse>();
    }
}
