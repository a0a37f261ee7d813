using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tickets;

/// <summary>Issue 13 item 11: tickets and ticket e-mails speak the tenant's language, and the PDF keeps Chinese.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TicketLocalizationTests(PlatformFixture fixture)
{
    private const string ChineseTitle = "春季音乐会";

    [Fact]
    public async Task ZhCnTenant_PdfTicket_PrintsChineseTitleLabelsAndAScannableQr()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10, locale: "zh-CN", title: ChineseTitle);
        var ticket = (await s.PaidOrderAsync(1)).Tickets.Single();

        var response = await s.Owner.GetAsync($"/api/v1/tickets/{ticket.Id}/print.pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await PdfTools.TextAsync(pdf);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(ChineseTitle, text, StringComparison.Ordinal);
        Assert.Contains("持票人", text, StringComparison.Ordinal);
        Assert.Contains("普通入场", text, StringComparison.Ordinal);
        Assert.Contains(ticket.Number, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Holder", text, StringComparison.Ordinal);
        await AssertQrOfAsync(s, ticket, pdf);
    }

    [Fact]
    public async Task ZhCnTenant_HtmlTicketAndMail_AreChinese()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10, locale: "zh-CN", title: ChineseTitle);
        var email = $"zh-{Guid.NewGuid():N}@example.test";
        var ticket = (await s.PaidOrderAsync(1, email)).Tickets.Single();

        var html = await (await s.Owner.GetAsync($"/api/v1/tickets/{ticket.Id}/print")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{ChineseTitle}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>持票人</dt>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Holder", html, StringComparison.Ordinal);

        var body = await fixture.MailBodyAsync(email, _ => true, "");
        Assert.Contains($"您购买的《{ChineseTitle}》门票已出票。", body, StringComparison.Ordinal);
        Assert.Contains($"门票 {ticket.Number}：", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Your tickets", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnglishTenant_PdfTicket_PrintsEnglishAndAScannableQr()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var ticket = (await s.PaidOrderAsync(1)).Tickets.Single();

        var pdf = await (await s.Owner.GetAsync($"/api/v1/tickets/{ticket.Id}/print.pdf")).Content.ReadAsByteArrayAsync();
        var text = await PdfTools.TextAsync(pdf);

        Assert.Contains("Spring Concert", text, StringComparison.Ordinal);
        Assert.Contains("Holder", text, StringComparison.Ordinal);
        Assert.Contains("General admission", text, StringComparison.Ordinal);
        await AssertQrOfAsync(s, ticket, pdf);
    }

    /// <summary>
    /// The QR printed on the PDF scans to this ticket's code: the same claims as the API returned, under a signature
    /// the tenant's published keys verify (each rendering signs afresh, so the signature itself differs).
    /// </summary>
    private static async Task AssertQrOfAsync(CheckoutScenario s, Platform.Tickets.TicketResponse ticket, byte[] pdf)
    {
        var scanned = await PdfTools.ScanQrAsync(pdf);
        Assert.NotNull(scanned);
        Assert.Equal(ticket.QrPayload![..ticket.QrPayload!.LastIndexOf('.')], scanned[..scanned.LastIndexOf('.')]);
        Assert.True(TicketFlow.VerifiesWith(await s.KeysAsync(), scanned));
    }
}
