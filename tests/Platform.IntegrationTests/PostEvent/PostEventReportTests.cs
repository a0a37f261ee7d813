using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Holds;
using Platform.IntegrationTests.CheckIn;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Observability;
using Platform.IntegrationTests.Tickets;
using Platform.Orders;
using Platform.PostEvent.Incidents;
using Platform.PostEvent.Notes;
using Platform.PostEvent.Report;
using Platform.Reports.Sales;

namespace Platform.IntegrationTests.PostEvent;

/// <summary>
/// The post-event report over a scripted sale: three orders of 25.00 EUR tickets (2 + 1 paid, 1 never paid), one
/// card declined before the second order paid, one ticket refunded for "Illness", one check-in, an alert fired and
/// resolved during the sale (and one about another tenant, which must not show), and an operator's note.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PostEventReportTests(PlatformFixture fixture)
{
    internal sealed record Sale(CheckoutScenario S, HttpClient Analyst, string AlertName, string OtherTenantAlert);

    internal static async Task<Sale> ScriptedSaleAsync(PlatformFixture fixture)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 50); // Standing, 25.00 EUR, tenant in Europe/Berlin
        var first = await s.PlaceAsync(2, "first@example.com");
        (await s.PayAsync(first)).EnsureSuccessStatusCode();
        var second = await s.PlaceAsync(1, "second@example.com");
        Assert.Equal("card_declined", (await (await s.PayAsync(second, "tok_decline")).ProblemAsync(HttpStatusCode.PaymentRequired)).Code());
        (await s.PayAsync(second)).EnsureSuccessStatusCode();
        await s.PlaceAsync(1, "never-pays@example.com");

        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{first.Id}/refunds", new
        {
            lines = new[] { new { lineId = first.Lines[0].Id, quantity = 1 } }, reason = "Illness",
        })).EnsureSuccessStatusCode();
        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));
        await scanner.ScanAsync(s.Event.Id, (await s.StaffTicketsAsync(second.Id)).First().QrPayload);

        // Alertmanager: an alert fires during the sale and resolves; another tenant's alert fires too.
        var alertName = "CheckoutErrorsHigh" + Guid.NewGuid().ToString("N")[..6];
        var otherAlert = "OtherTenantAlert" + Guid.NewGuid().ToString("N")[..6];
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        var alertmanager = fixture.CreateClient();
        var received = await (await PostAlertsAsync(alertmanager, Scrape.Token, new[]
        {
            Alert("firing", alertName, fingerprint, startsAt, null),
            Alert("firing", otherAlert, Guid.NewGuid().ToString("N")[..16], startsAt, Guid.NewGuid()),
        })).ReadAsync<AlertsReceivedResponse>();
        Assert.Equal(new AlertsReceivedResponse(2, 0), received);
        // Alertmanager repeats and then resolves: still one incident.
        (await PostAlertsAsync(alertmanager, Scrape.Token, new[] { Alert("firing", alertName, fingerprint, startsAt, null) })).EnsureSuccessStatusCode();
        (await PostAlertsAsync(alertmanager, Scrape.Token, new[] { Alert("resolved", alertName, fingerprint, startsAt, null, DateTimeOffset.UtcNow) }))
            .EnsureSuccessStatusCode();

        (await s.Owner.PostAsJsonAsync($"/api/v1/events/{s.Event.Id}/report/notes", new { text = "闸机 3 号在开场时卡顿 — gate 3 jammed at doors" }))
            .EnsureSuccessStatusCode();
        return new Sale(s, fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "analyst")), alertName, otherAlert);
    }

    private static object Alert(string status, string name, string fingerprint, DateTimeOffset startsAt, Guid? tenant, DateTimeOffset? endsAt = null) => new
    {
        status,
        labels = tenant is { } t
            ? new Dictionary<string, string> { ["alertname"] = name, ["severity"] = "page", ["tenant"] = t.ToString() }
            : new Dictionary<string, string> { ["alertname"] = name, ["severity"] = "page" },
        annotations = new Dictionary<string, string> { ["summary"] = "Checkout problems above 5 %" },
        startsAt,
        endsAt = endsAt ?? new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        generatorURL = "http://prometheus:9090/graph",
        fingerprint,
    };

    private static Task<HttpResponseMessage> PostAlertsAsync(HttpClient client, string? token, object[] alerts)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/operations/alerts")
        {
            // What Alertmanager sends (version 4), every field of it.
            Content = JsonContent.Create(new
            {
                version = "4", groupKey = "{}:{alertname=\"x\"}", truncatedAlerts = 0, status = "firing", receiver = "platform",
                groupLabels = new Dictionary<string, string>(), commonLabels = new Dictionary<string, string>(),
                commonAnnotations = new Dictionary<string, string>(), externalURL = "http://alertmanager:9093", alerts,
            }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task Report_ScriptedSale_FiguresMatch()
    {
        var sale = await ScriptedSaleAsync(fixture);
        var r = await (await sale.Analyst.GetAsync($"/api/v1/events/{sale.S.Event.Id}/report")).ReadAsync<PostEventReportResponse>();

        Assert.Equal(("Spring Concert", "EUR", "hour"), (r.Title, r.Currency, r.Bucket));
        Assert.Equal(new SaleTotals(3, 2, 3, 7500, 2500, 5000), r.Totals);
        Assert.Equal((3, 2, 3, 7500L), (r.Sales.Sum(b => b.OrdersPlaced), r.Sales.Sum(b => b.OrdersPaid), r.Sales.Sum(b => b.Tickets), r.Sales.Sum(b => b.Gross)));
        Assert.Equal(1, r.Sales.Sum(b => b.Problems)); // the declined card, in the hour it happened
        Assert.InRange(r.Peaks.OrdersPerMinute, 1, 3); // three orders within seconds; a minute may turn between them
        Assert.InRange(r.Peaks.PaidPerMinute, 1, 2);
        Assert.NotNull(r.Peaks.PaidPeakAt);

        Assert.Equal(new SuccessRates(0.6667m, 0.6667m, 3, 1), r.Rates); // 2 of 3 orders paid; 2 of 3 payment attempts took the money
        Assert.Equal([new ErrorCodeCount("payment", "card_declined", 1)], r.ErrorCodes);
        Assert.Equal([new RefundReasonRow("Illness", "EUR", 1, 2500)], r.Refunds);
        Assert.Null(r.Queue);
        Assert.Equal(new CheckInFigures(2, 1, 0.5m), r.CheckIn); // the refunded ticket is revoked

        var incident = Assert.Single(r.Incidents, i => i.AlertName == sale.AlertName);
        Assert.Equal(("resolved", "page", "Checkout problems above 5 %"), (incident.Status, incident.Severity, incident.Summary));
        Assert.NotNull(incident.EndsAt);
        Assert.DoesNotContain(r.Incidents, i => i.AlertName == sale.OtherTenantAlert);
        Assert.Equal("闸机 3 号在开场时卡顿 — gate 3 jammed at doors", Assert.Single(r.Notes).Text);

        // The counts are durable: they are rows, not this process's memory.
        Assert.Equal(1L, await sale.S.ScalarAsync<long>(
            $"SELECT coalesce(sum(count), 0)::bigint FROM event_outcome_counts WHERE event_id = '{sale.S.Event.Id}' AND outcome = 'card_declined'"));

        var byMinute = await (await sale.Analyst.GetAsync($"/api/v1/events/{sale.S.Event.Id}/report?bucket=minute")).ReadAsync<PostEventReportResponse>();
        Assert.Equal((3, "minute"), (byMinute.Sales.Sum(b => b.OrdersPlaced), byMinute.Bucket));
        Assert.Equal((r.Peaks.OrdersPerMinute, r.Peaks.PaidPerMinute), (byMinute.Sales.Max(b => b.OrdersPlaced), byMinute.Sales.Max(b => b.OrdersPaid)));
        Assert.All(byMinute.Sales, b => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d$", b.Label));
        await (await sale.Analyst.GetAsync($"/api/v1/events/{sale.S.Event.Id}/report?bucket=week")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ReportHtmlAndPdf_EnglishAndChinese()
    {
        var sale = await ScriptedSaleAsync(fixture);
        var url = $"/api/v1/events/{sale.S.Event.Id}/report";

        var en = await sale.Analyst.GetAsync(url + ".html");
        Assert.Equal("text/html", en.Content.Headers.ContentType?.MediaType);
        var html = await en.Content.ReadAsStringAsync();
        Assert.Contains("Event operations report", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("card_declined", html, StringComparison.Ordinal);
        Assert.Contains("Illness", html, StringComparison.Ordinal);
        Assert.Contains(sale.AlertName, html, StringComparison.Ordinal);
        Assert.Contains("66.7 %", html, StringComparison.Ordinal);

        using var zhRequest = new HttpRequestMessage(HttpMethod.Get, url + ".html");
        zhRequest.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.5");
        var zh = await (await sale.Analyst.SendAsync(zhRequest)).Content.ReadAsStringAsync();
        Assert.Contains("票务系统运行报告", zh, StringComparison.Ordinal);
        Assert.Contains("退款原因", zh, StringComparison.Ordinal);
        Assert.Contains("闸机 3 号在开场时卡顿", zh, StringComparison.Ordinal);
        Assert.Contains("Event operations report", await (await sale.Analyst.GetAsync(url + ".html?lang=en")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var pdf = await sale.Analyst.GetAsync(url + ".pdf?lang=zh-CN");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("票务系统运行报告", text, StringComparison.Ordinal);
        Assert.Contains("Spring Concert", text, StringComparison.Ordinal);
        Assert.Contains("card_declined", text, StringComparison.Ordinal);
        Assert.Contains("Illness", text, StringComparison.Ordinal);
        Assert.Contains(sale.AlertName, text, StringComparison.Ordinal);
        Assert.Contains("闸机 3 号在开场时卡顿", text, StringComparison.Ordinal);
        Assert.Contains("66.7 %", text, StringComparison.Ordinal);
        // English without ?lang (the client sends no Accept-Language). pdftotext -layout spaces the 20 pt Latin title's
        // words apart, so one-word labels are checked.
        var english = await PdfTools.TextAsync(await (await sale.Analyst.GetAsync(url + ".pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Summary", english, StringComparison.Ordinal);
        Assert.Contains("Incidents", english, StringComparison.Ordinal);
        Assert.DoesNotContain("票务系统运行报告", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OtherTenantsAndRoles_RefusedOrHidden()
    {
        var sale = await ScriptedSaleAsync(fixture);
        var ev = sale.S.Event.Id;
        var tenantId = sale.S.Events.Tenant.Id;
        var other = await fixture.CreateTenantAsync("pe");
        var otherOwner = fixture.CreateClient(TestCaller.TenantMember(other.Id, "owner"));
        foreach (var path in new[] { "report", "report.html", "report.pdf", "report/notes" })
        {
            Assert.Equal("not_found", (await (await otherOwner.GetAsync($"/api/v1/events/{ev}/{path}")).ProblemAsync(HttpStatusCode.NotFound)).Code());
        }

        await (await otherOwner.PostAsJsonAsync($"/api/v1/events/{ev}/report/notes", new { text = "not mine" })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Single((await (await sale.Analyst.GetAsync($"/api/v1/events/{ev}/report/notes")).ReadAsync<ReportNoteListResponse>()).Items);

        // Owners, admins, finance and analysts read; box office and scanners do not; only owners and admins write notes.
        foreach (var role in new[] { "box_office", "scanner" })
        {
            var client = fixture.CreateClient(TestCaller.TenantMember(tenantId, role));
            await (await client.GetAsync($"/api/v1/events/{ev}/report")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/events/{ev}/report.pdf")).ProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await sale.Analyst.PostAsJsonAsync($"/api/v1/events/{ev}/report/notes", new { text = "analyst" })).ProblemAsync(HttpStatusCode.Forbidden);
        var admin = fixture.CreateClient(TestCaller.TenantMember(tenantId, "admin"));
        (await admin.PostAsJsonAsync($"/api/v1/events/{ev}/report/notes", new { text = "Admin note" })).EnsureSuccessStatusCode();
        var invalid = await (await admin.PostAsJsonAsync($"/api/v1/events/{ev}/report/notes", new { text = "  " })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("text", invalid.ErrorFields());
        await (await admin.PostAsJsonAsync($"/api/v1/events/{ev}/report/notes", new { text = new string('x', 2001) })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await fixture.CreateClient().GetAsync($"/api/v1/events/{ev}/report")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AlertReceiver_ScrapeTokenOrPlatformAdmin_ValidatesBody()
    {
        var body = new[] { Alert("firing", "Receiver" + Guid.NewGuid().ToString("N")[..6], Guid.NewGuid().ToString("N")[..16], DateTimeOffset.UtcNow, null) };
        await (await PostAlertsAsync(fixture.CreateClient(), null, body)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await PostAlertsAsync(fixture.CreateClient(), Scrape.Token + "x", body)).ProblemAsync(HttpStatusCode.Unauthorized);
        var tenant = await fixture.CreateTenantAsync("pa");
        await (await PostAlertsAsync(fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner")), null, body)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(new AlertsReceivedResponse(1, 0),
            await (await PostAlertsAsync(fixture.CreateClient(TestCaller.PlatformAdmin), null, body)).ReadAsync<AlertsReceivedResponse>());

        var bad = await (await PostAlertsAsync(fixture.CreateClient(), Scrape.Token, new object[]
        {
            new { status = "exploded", labels = new Dictionary<string, string>(), startsAt = DateTimeOffset.UtcNow },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("validation_failed", bad.Code());
    }
}
