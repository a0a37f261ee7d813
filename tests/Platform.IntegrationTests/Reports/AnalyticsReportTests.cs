using System.Net;
using Platform.Events;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Reports.Analytics;

namespace Platform.IntegrationTests.Reports;

/// <summary>
/// The statistician's analytics (issue #18 item 2) checked against the scripted sale of <see cref="SalesReportTests"/>:
/// three paid orders (3 + 1 + 2 tickets), one unpaid, one refund "Illness" of 12.50, sales windows opened a day earlier.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AnalyticsReportTests(PlatformFixture fixture)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static async Task<List<OrderResponse>> PaidOrdersAsync(SalesReportTests.Sale sale) =>
        [.. await Task.WhenAll(new[] { sale.Family.Id, sale.Voucher.Id, sale.BoxOffice.Id }
            .Select(async id => await (await sale.S.Owner.GetAsync($"/api/v1/orders/{id}")).ReadAsync<OrderResponse>()))];

    [Fact]
    public async Task HeatMap_ScriptedSale_OrdersInTheirBerlinWeekdayAndHour_UnpaidLeftOut()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        var orders = await PaidOrdersAsync(sale);

        var map = await (await sale.Analyst.GetAsync("/api/v1/reports/analytics/heat-map")).ReadAsync<HeatMapResponse>();

        // Expected cells from each order's paid-at on Berlin's wall clock (ISO weekday: Sunday is 7).
        var expected = orders.Select(o => (Local: TimeZoneInfo.ConvertTime(o.PaidAt!.Value, Berlin), Tickets: o.Lines.Sum(l => l.Quantity)))
            .GroupBy(o => (Weekday: o.Local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)o.Local.DayOfWeek, o.Local.Hour))
            .Select(g => new HeatMapCell(g.Key.Weekday, g.Key.Hour, g.Count(), g.Sum(o => o.Tickets)))
            .OrderBy(c => c.Weekday).ThenBy(c => c.Hour);
        Assert.Equal("Europe/Berlin", map.TimeZone);
        Assert.Equal(expected, map.Cells);
        Assert.Equal((3, 6), (map.Cells.Sum(c => c.Orders), map.Cells.Sum(c => c.Tickets)));

        // Another event's filter sees nothing.
        Assert.Empty((await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/heat-map?eventId={Guid.NewGuid()}")).ReadAsync<HeatMapResponse>()).Cells);
    }

    [Fact]
    public async Task Funnel_ScriptedSale_FourHoldsFourOrdersThreePaid_StorefrontViewsCountedCachedOrNot()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        // Holds: the family's, the voucher buyer's, the box office's and the unpaid buyer's; each became an order; three paid
        // (the family's partial refund still counts as paid). All were bought by API: no page view yet.
        var funnel = await (await sale.Analyst.GetAsync("/api/v1/reports/analytics/funnel")).ReadAsync<ConversionFunnelResponse>();
        Assert.Equal((0L, 4, 4, 3), (funnel.Views, funnel.Holds, funnel.Orders, funnel.Paid));

        // Five views of the event page, most of them answered from the one-second output cache, count as five; a made-up
        // event id (404), a HEAD and another tenant's page count for nobody here.
        var slug = sale.S.Events.Tenant.Slug;
        using var browser = fixture.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/t/{slug}/events/{sale.S.Event.Id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/t/{slug}/events/{Guid.NewGuid()}")).StatusCode);
        await browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/t/{slug}/events/{sale.S.Event.Id}"));
        var other = await SalesReportTests.ScriptedSaleAsync(fixture);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/t/{other.S.Events.Tenant.Slug}/events/{other.S.Event.Id}")).StatusCode);

        // A hold that never became an order widens the holds only.
        await sale.S.HoldAsync(1, "browser@example.com");
        funnel = await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/funnel?eventId={sale.S.Event.Id}")).ReadAsync<ConversionFunnelResponse>();
        Assert.Equal((5L, 5, 4, 3), (funnel.Views, funnel.Holds, funnel.Orders, funnel.Paid));
        Assert.Equal(5L, (await (await sale.Analyst.GetAsync("/api/v1/reports/analytics/funnel")).ReadAsync<ConversionFunnelResponse>()).Views);
        var none = await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/funnel?eventId={Guid.NewGuid()}")).ReadAsync<ConversionFunnelResponse>();
        Assert.Equal((0L, 0, 0, 0), (none.Views, none.Holds, none.Orders, none.Paid));
    }

    [Fact]
    public async Task RefundReasons_ScriptedSale_BucketedByDayWeekAndMonthOfTheTenant()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).DateTime);

        async Task<RefundReasonTrendResponse> TrendAsync(string interval) =>
            await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/refund-reasons?interval={interval}")).ReadAsync<RefundReasonTrendResponse>();

        Assert.Equal([new RefundReasonTrendRow(today, "Illness", "EUR", 1, 1250)], (await TrendAsync("day")).Rows);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        Assert.Equal([new RefundReasonTrendRow(monday, "Illness", "EUR", 1, 1250)], (await TrendAsync("week")).Rows);
        Assert.Equal([new RefundReasonTrendRow(new DateOnly(today.Year, today.Month, 1), "Illness", "EUR", 1, 1250)], (await TrendAsync("month")).Rows);

        Assert.Equal("invalid_query", (await (await sale.Analyst.GetAsync("/api/v1/reports/analytics/refund-reasons?interval=hour"))
            .ProblemAsync(HttpStatusCode.BadRequest)).Code());
    }

    [Fact]
    public async Task SalesVelocity_ScriptedSale_OrdersPerMinuteSinceTheFirstWindowOpened()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        var orders = await PaidOrdersAsync(sale);
        var ev = await (await sale.S.Owner.GetAsync($"/api/v1/events/{sale.S.Event.Id}")).ReadAsync<EventResponse>();
        var onSale = ev.SalesWindows.Min(w => w.OpensAt);

        // Windows opened a day ago: in the first two hours nothing sold, all three orders came after.
        var early = await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/sales-velocity?eventId={sale.S.Event.Id}"))
            .ReadAsync<SalesVelocityResponse>();
        Assert.Equal((onSale, 120, 0, 3), (early.OnSaleAt, early.Minutes, early.OrdersBefore, early.OrdersAfter));
        Assert.Empty(early.Rows);

        // Two days of minutes cover them: each in the whole minute since on-sale it was paid.
        var all = await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/sales-velocity?eventId={sale.S.Event.Id}&minutes=2880"))
            .ReadAsync<SalesVelocityResponse>();
        var expected = orders.GroupBy(o => (int)Math.Floor((o.PaidAt!.Value - onSale).TotalMinutes))
            .Select(g => new SalesVelocityRow(g.Key, g.Count(), g.Sum(o => o.Lines.Sum(l => l.Quantity)))).OrderBy(r => r.Minute);
        Assert.Equal(expected, all.Rows);
        Assert.Equal((0, 0), (all.OrdersBefore, all.OrdersAfter));

        Assert.Equal("invalid_query", (await (await sale.Analyst.GetAsync("/api/v1/reports/analytics/sales-velocity"))
            .ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("invalid_query", (await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/sales-velocity?eventId={sale.S.Event.Id}&minutes=0"))
            .ProblemAsync(HttpStatusCode.BadRequest)).Code());
        await (await sale.Analyst.GetAsync($"/api/v1/reports/analytics/sales-velocity?eventId={Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Analytics_Roles_AnalystAndFinanceRead_BoxOfficeAndScannerRefused_OtherTenantsEventNotFound()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        HttpClient As(string role) => fixture.CreateClient(TestCaller.TenantMember(sale.S.Events.Tenant.Id, role));
        var routes = new[] { "heat-map", "funnel", "refund-reasons", $"sales-velocity?eventId={sale.S.Event.Id}" };

        foreach (var role in new[] { "owner", "admin", "finance", "analyst" })
        {
            foreach (var route in routes)
            {
                Assert.Equal(HttpStatusCode.OK, (await As(role).GetAsync($"/api/v1/reports/analytics/{route}")).StatusCode);
            }
        }

        foreach (var role in new[] { "box_office", "scanner" })
        {
            foreach (var route in routes)
            {
                await (await As(role).GetAsync($"/api/v1/reports/analytics/{route}")).ProblemAsync(HttpStatusCode.Forbidden);
            }
        }

        // Another tenant's analyst: the event is not theirs (404), and their heat map holds none of these orders.
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var stranger = fixture.CreateClient(TestCaller.TenantMember(other.Events.Tenant.Id, "analyst"));
        await (await stranger.GetAsync($"/api/v1/reports/analytics/sales-velocity?eventId={sale.S.Event.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await stranger.GetAsync("/api/v1/reports/analytics/heat-map")).ReadAsync<HeatMapResponse>()).Cells);
    }
}
