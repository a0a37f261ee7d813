using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MiniExcelLibs;
using Platform.IntegrationTests.Infrastructure;
using Platform.Reports.Finance;

namespace Platform.IntegrationTests.Reports;

/// <summary>
/// The journal and the daily close over the scripted sale of <see cref="SalesReportTests"/>: web orders of 62.50 and
/// 22.50 EUR paid by sandbox, a box-office sale of 50.00 EUR in cash, and 12.50 EUR refunded to the sandbox.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FinanceReportTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Journal_ScriptedSale_DebitsEqualCredits_AccountsFollowTheMapping()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        var tenantId = sale.S.Events.Tenant.Id;
        var finance = fixture.CreateClient(TestCaller.TenantMember(tenantId, "finance"));
        var admin = fixture.CreateClient(TestCaller.TenantMember(tenantId, "admin"));

        // Finance reads the mapping; finance and admins set it (analysts and box office may not); an unknown key or an empty account is refused.
        Assert.Equal("1000", (await (await finance.GetAsync("/api/v1/finance/chart-of-accounts")).ReadAsync<ChartOfAccountsResponse>()).Accounts["clearing.cash"]);
        await (await sale.Analyst.PutAsJsonAsync("/api/v1/finance/chart-of-accounts", new { accounts = new { ticket_revenue = "4000" } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.CreateClient(TestCaller.TenantMember(tenantId, "box_office")).PutAsJsonAsync("/api/v1/finance/chart-of-accounts",
            new { accounts = new { ticket_revenue = "4000" } })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("3999", (await (await finance.PutAsJsonAsync("/api/v1/finance/chart-of-accounts", new { accounts = new { fee_revenue = "3999" } }))
            .ReadAsync<ChartOfAccountsResponse>()).Accounts["fee_revenue"]);
        await (await admin.PutAsJsonAsync("/api/v1/finance/chart-of-accounts", new Dictionary<string, object>
        {
            ["accounts"] = new Dictionary<string, string> { ["petty_cash"] = "1" },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await admin.PutAsJsonAsync("/api/v1/finance/chart-of-accounts", new { accounts = new { ticket_revenue = " " } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var set = await (await admin.PutAsJsonAsync("/api/v1/finance/chart-of-accounts", new Dictionary<string, object>
        {
            ["accounts"] = new Dictionary<string, string> { ["clearing.cash"] = "1010", ["ticket_revenue"] = "4000" },
        })).ReadAsync<ChartOfAccountsResponse>();
        Assert.Equal(("1010", "4000", "8720"), (set.Accounts["clearing.cash"], set.Accounts["ticket_revenue"], set.Accounts["refunds"]));

        var csv = (await (await finance.GetAsync("/api/v1/finance/journal/export")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        decimal Sum(IEnumerable<string[]> lines, int column) => lines.Sum(l => decimal.Parse(l[column], CultureInfo.InvariantCulture));
        Assert.Equal(Sum(rows, 2), Sum(rows, 3));
        Assert.Equal(147.5m, Sum(rows, 2)); // 62.50 + 22.50 + 50.00 taken, 12.50 refunded
        Assert.Equal(50m, Sum(rows.Where(r => r[1] == "1010"), 2));
        Assert.Equal(135m, Sum(rows.Where(r => r[1] == "4000"), 3)); // no fees or tax in this sale: every payment is ticket revenue (refunds post to 8720)
        Assert.Equal((12.5m, 12.5m), (Sum(rows.Where(r => r[1] == "8720"), 2), Sum(rows.Where(r => r[1] == "1369"), 3)));
        Assert.All(rows, r => Assert.True((decimal.Parse(r[2], CultureInfo.InvariantCulture) == 0) != (decimal.Parse(r[3], CultureInfo.InvariantCulture) == 0)));

        await using var xlsx = new MemoryStream(await (await finance.GetAsync("/api/v1/finance/journal/export?format=xlsx")).Content.ReadAsByteArrayAsync());
        var sheet = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(rows.Count, sheet.Count);
        Assert.Equal(sheet.Sum(r => Convert.ToDecimal(r["debit"], CultureInfo.InvariantCulture)), sheet.Sum(r => Convert.ToDecimal(r["credit"], CultureInfo.InvariantCulture)));

        await (await sale.Analyst.GetAsync("/api/v1/finance/journal/export")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DailyClose_ScriptedSale_TotalsByPaymentMethod()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        var finance = fixture.CreateClient(TestCaller.TenantMember(sale.S.Events.Tenant.Id, "finance"));

        var close = await (await finance.GetAsync("/api/v1/finance/daily-close")).ReadAsync<DailyCloseResponse>();

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        Assert.Equal([
            new DailyCloseRow(today, "cash", "EUR", 1, 5000, 0, 0, 0, 5000),
            new DailyCloseRow(today, "sandbox", "EUR", 2, 8500, 1, 1250, 0, 7250),
        ], close.Rows);
        await (await sale.Analyst.GetAsync("/api/v1/finance/daily-close")).ProblemAsync(HttpStatusCode.Forbidden);
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(sale.S.Events.Tenant.Id, "box_office"));
        await (await boxOffice.GetAsync("/api/v1/finance/daily-close")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
