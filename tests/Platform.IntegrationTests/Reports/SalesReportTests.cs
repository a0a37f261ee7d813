using System.Net;
using System.Net.Http.Json;
using MiniExcelLibs;
using Platform.Holds;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;
using Platform.Orders;
using Platform.Pricing;
using Platform.Reports.Sales;

namespace Platform.IntegrationTests.Reports;

/// <summary>
/// A scripted sale over HTTP — a web order of 2 adults + 1 child (child half price) by a buyer whose name is a formula,
/// a web order with a 10 % voucher, a box-office cash sale, a refund of the child's ticket, one check-in, and an unpaid
/// order that must not count — and every report checked against it, as JSON, CSV and XLSX read back.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SalesReportTests(PlatformFixture fixture)
{
    private const string Evil = "=HYPERLINK(\"http://evil.example/\",\"Click\")";

    internal sealed record Sale(CheckoutScenario S, OrderResponse Family, OrderResponse Voucher, OrderResponse BoxOffice, HttpClient Analyst);

    internal static async Task<Sale> ScriptedSaleAsync(PlatformFixture fixture)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 50); // Standing, 25.00 EUR, tenant in Europe/Berlin
        var opens = DateTimeOffset.UtcNow.AddDays(-1);
        var closes = DateTimeOffset.UtcNow.AddDays(29);
        (await s.Owner.PutAsJsonAsync($"/api/v1/events/{s.Event.Id}/sales-windows", new
        {
            salesWindows = new[] { new { channel = "web", opensAt = opens, closesAt = closes }, new { channel = "box_office", opensAt = opens, closesAt = closes } },
        })).EnsureSuccessStatusCode();
        (await s.Owner.PostAsJsonAsync("/api/v1/pricing-rules", new
        {
            name = "Children half price", kind = "audience_discount", valueType = "percentage", basisPoints = 5000, audience = "child", proof = "Age under 12",
        })).EnsureSuccessStatusCode();
        (await s.Owner.PostAsJsonAsync("/api/v1/vouchers", new { code = "SPRING10", valueType = "percentage", basisPoints = 1000 })).EnsureSuccessStatusCode();

        // 1. Web: 2 adults + 1 child, the buyer's name is a formula.
        var hold = await (await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "family@example.com",
            lines = new object[] { new { ticketTypeId = s.TicketTypeId, quantity = 2, audience = "adult" }, new { ticketTypeId = s.TicketTypeId, quantity = 1, audience = "child" } },
        })).ReadAsync<HoldResponse>();
        var family = await (await s.OrderAsync(hold, name: Evil, email: "family@example.com")).ReadAsync<OrderResponse>();
        (await s.PayAsync(family)).EnsureSuccessStatusCode();

        // 2. Web: 1 adult with the voucher.
        var voucherOrder = await (await s.OrderAsync(await s.HoldAsync(1, "promo@example.com"), promoCode: "SPRING10", email: "promo@example.com"))
            .ReadAsync<OrderResponse>();
        (await s.PayAsync(voucherOrder)).EnsureSuccessStatusCode();

        // 3. Box office: 2 adults, cash.
        var clerk = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));
        var boxHold = await (await clerk.PostAsJsonAsync("/api/v1/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 2 } },
        })).ReadAsync<HoldResponse>();
        var boxOrder = await (await clerk.PostAsJsonAsync("/api/v1/orders", new { holdId = boxHold.Id, buyer = new { name = "Walk In", email = "walkin@example.com" } }))
            .ReadAsync<OrderResponse>();
        boxOrder = await (await clerk.PostAsJsonAsync($"/api/v1/orders/{boxOrder.Id}/payments", new { method = "cash" })).ReadAsync<OrderResponse>();

        // 4. An order never paid: counts nowhere.
        await s.PlaceAsync(3, "unpaid@example.com");

        // 5. The child's ticket refunded; 6. one adult of the family admitted.
        var childLine = family.Lines.Single(l => l.Audience == Audience.Child);
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{family.Id}/refunds", new
        {
            lines = new[] { new { lineId = childLine.Id, quantity = 1 } }, reason = "Illness",
        })).EnsureSuccessStatusCode();
        var tickets = await s.StaffTicketsAsync(family.Id);
        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));
        await scanner.ScanAsync(s.Event.Id, tickets.First(t => t.Audience == Audience.Adult).QrPayload);

        return new Sale(s, family, voucherOrder, boxOrder, fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "analyst")));
    }

    private static async Task<SalesReportResponse> SalesAsync(Sale sale, string groupBy) =>
        await (await sale.Analyst.GetAsync($"/api/v1/reports/sales?groupBy={groupBy}")).ReadAsync<SalesReportResponse>();

    [Fact]
    public async Task SalesReports_ScriptedSale_FiguresMatchEveryDimension()
    {
        var sale = await ScriptedSaleAsync(fixture);
        Assert.Equal((5000L, 1250L), (sale.Family.Lines.Single(l => l.Audience == Audience.Adult).Total, sale.Family.Lines.Single(l => l.Audience == Audience.Child).Total));
        Assert.Equal((250L, 2250L), (sale.Voucher.Discount, sale.Voucher.Total));

        var byChannel = await SalesAsync(sale, "channel");
        Assert.Equal(("EUR", "Europe/Berlin"), (byChannel.Currency, byChannel.TimeZone));
        Assert.Equal([
            new SalesReportRow("box_office", "box_office", "EUR", 1, 2, 0, 5000, 0, 5000),
            new SalesReportRow("web", "web", "EUR", 2, 4, 1, 8500, 1250, 7250),
        ], byChannel.Rows);

        var byAudience = await SalesAsync(sale, "audience");
        Assert.Equal([
            new SalesReportRow("adult", "adult", "EUR", 3, 5, 0, 12250, 0, 12250),
            new SalesReportRow("child", "child", "EUR", 1, 1, 1, 1250, 1250, 0),
        ], byAudience.Rows);

        var byEvent = Assert.Single((await SalesAsync(sale, "event")).Rows);
        Assert.Equal(new SalesReportRow(sale.S.Event.Id.ToString(), "Spring Concert", "EUR", 3, 6, 1, 13500, 1250, 12250), byEvent);
        var byType = Assert.Single((await SalesAsync(sale, "ticket_type")).Rows);
        Assert.Equal(("Spring Concert · Standing", 6, 13500L), (byType.Label, byType.Tickets, byType.Gross));
        var byOccurrence = Assert.Single((await SalesAsync(sale, "occurrence")).Rows);
        Assert.Equal((sale.S.OccurrenceId.ToString(), 3), (byOccurrence.Key, byOccurrence.Orders));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        var byDay = Assert.Single((await SalesAsync(sale, "day")).Rows);
        Assert.Equal((today.ToString("yyyy-MM-dd"), 13500L), (byDay.Key, byDay.Gross));

        var bySeller = (await SalesAsync(sale, "seller")).Rows;
        Assert.Equal(2, bySeller.Count);
        Assert.Equal((2, 8500L), bySeller.Single(r => r.Key == "web") is var web ? (web.Orders, web.Gross) : default);
        Assert.StartsWith("user:", bySeller.Single(r => r.Key != "web").Key, StringComparison.Ordinal);

        var refunds = await (await sale.Analyst.GetAsync("/api/v1/reports/refunds")).ReadAsync<RefundReportResponse>();
        Assert.Equal([new RefundReasonRow("Illness", "EUR", 1, 1250)], refunds.Rows);

        var vouchers = await (await sale.Analyst.GetAsync("/api/v1/reports/vouchers")).ReadAsync<VoucherReportResponse>();
        var used = Assert.Single(vouchers.Rows);
        Assert.Equal(("SPRING10", 1, 250L, 2250L), (used.Code, used.Orders, used.Discount, used.Total));

        var checkIns = await (await sale.Analyst.GetAsync($"/api/v1/reports/check-ins?eventId={sale.S.Event.Id}")).ReadAsync<CheckInReportResponse>();
        var rate = Assert.Single(checkIns.Rows);
        Assert.Equal((5, 1, 0.2m), (rate.Tickets, rate.CheckedIn, rate.Rate)); // the refunded child's ticket is revoked

        // The period is the tenant's days: from tomorrow on nothing was sold; another event's filter sees nothing.
        Assert.Empty((await (await sale.Analyst.GetAsync($"/api/v1/reports/sales?groupBy=event&from={today.AddDays(1):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}"))
            .ReadAsync<SalesReportResponse>()).Rows);
        Assert.Empty((await (await sale.Analyst.GetAsync($"/api/v1/reports/sales?eventId={Guid.NewGuid()}")).ReadAsync<SalesReportResponse>()).Rows);
    }

    [Fact]
    public async Task Reports_Roles_AnalystAndFinanceRead_BoxOfficeAndScannerRefused_BuyersForFinanceOnly()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        HttpClient As(string role) => fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, role));

        foreach (var role in new[] { "owner", "admin", "finance", "analyst" })
        {
            Assert.Equal(HttpStatusCode.OK, (await As(role).GetAsync("/api/v1/reports/sales?groupBy=channel")).StatusCode);
        }

        foreach (var role in new[] { "box_office", "scanner" })
        {
            await (await As(role).GetAsync("/api/v1/reports/sales")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await As(role).GetAsync("/api/v1/reports/sales/export")).ProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await As("analyst").GetAsync("/api/v1/reports/order-lines/export")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await As("finance").GetAsync("/api/v1/reports/order-lines/export")).StatusCode);
    }

    [Fact]
    public async Task Reports_BadQuery_400ProblemsNever500()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var analyst = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "analyst"));

        Assert.Equal("invalid_query", (await (await analyst.GetAsync("/api/v1/reports/sales?groupBy=weather")).ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("invalid_query", (await (await analyst.GetAsync("/api/v1/reports/sales?from=2026-12-05&to=2026-12-01")).ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("invalid_query", (await (await analyst.GetAsync("/api/v1/reports/refunds?from=2000-01-01&to=2026-12-01")).ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("invalid_query", (await (await analyst.GetAsync("/api/v1/reports/vouchers/export?format=pdf")).ProblemAsync(HttpStatusCode.BadRequest)).Code());
        await (await analyst.GetAsync("/api/v1/reports/sales?from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Exports_CsvAndXlsx_ReadBack_FormulaInBuyerNameNeutralised()
    {
        var sale = await ScriptedSaleAsync(fixture);
        var finance = fixture.CreateClient(TestCaller.TenantMember(sale.S.Events.Tenant.Id, "finance"));

        var csvResponse = await finance.GetAsync("/api/v1/reports/order-lines/export");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', SalesReports.OrderLineColumns), lines[0]);
        Assert.Equal(5, lines.Length); // heading + family (2 lines) + voucher + box office
        var familyRow = Assert.Single(lines, l => l.Contains(sale.Family.Id.ToString(), StringComparison.Ordinal) && l.Contains(",child,", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\",family@example.com,", familyRow, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains(",1,1,25,12.5,12.5,EUR", familyRow, StringComparison.Ordinal); // qty 1, refunded 1, unit 25.00, total 12.50, refunded 12.50

        var xlsxResponse = await finance.GetAsync("/api/v1/reports/order-lines/export?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        await using var xlsx = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(2, rows.Count(r => (string?)r["buyer_name"] == "'" + Evil));
        Assert.Equal(["promo@example.com"], rows.Where(r => (string?)r["promo_code"] == "SPRING10").Select(r => (string?)r["buyer_email"]));
        Assert.Equal(135m, rows.Sum(r => Convert.ToDecimal(r["total"], System.Globalization.CultureInfo.InvariantCulture)));

        var channels = await sale.Analyst.GetAsync("/api/v1/reports/sales/export?groupBy=channel&format=xlsx");
        await using var channelXlsx = new MemoryStream(await channels.Content.ReadAsByteArrayAsync());
        var byChannel = channelXlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToDictionary(r => (string)r["key"]!);
        Assert.Equal((85m, 12.5m, 72.5m), (Convert.ToDecimal(byChannel["web"]["gross"]), Convert.ToDecimal(byChannel["web"]["refunded"]), Convert.ToDecimal(byChannel["web"]["net"])));
        Assert.Equal((1m, 2m), (Convert.ToDecimal(byChannel["box_office"]["orders"]), Convert.ToDecimal(byChannel["box_office"]["tickets"])));

        var refundsCsv = await (await sale.Analyst.GetAsync("/api/v1/reports/refunds/export")).Content.ReadAsStringAsync();
        Assert.Equal("reason,currency,refunds,amount\r\nIllness,EUR,1,12.5\r\n", refundsCsv.TrimStart('\uFEFF'));
    }
}
