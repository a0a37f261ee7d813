using System.Net;
using System.Text;
using System.Xml.Linq;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tickets;

[Collection(PlatformCollection.Name)]
public sealed class TicketRenderingTests(PlatformFixture fixture)
{
    [Fact]
    public async Task QrPng_Staff_PngMagicBytes()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var ticket = (await s.PaidOrderAsync(1)).Tickets.Single();

        var response = await s.Owner.GetAsync($"/api/v1/tickets/{ticket.Id}/qr.png");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }

    [Fact]
    public async Task QrSvg_OrderToken_ParsesAsSvg()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(1);

        var response = await s.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Get, $"{s.Prefix}/tickets/{tickets[0].Id}/qr.svg", order));
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.NotEmpty(svg.Root.Descendants());
    }

    [Fact]
    public async Task PrintableTicket_HtmlAndPdf_ShowEventNumberHolderAndQr()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var ticket = (await s.PaidOrderAsync(1)).Tickets.Single();

        var html = await (await s.Owner.GetAsync($"/api/v1/tickets/{ticket.Id}/print")).Content.ReadAsStringAsync();
        var pdfResponse = await s.Owner.GetAsync($"/api/v1/tickets/{ticket.Id}/print.pdf");
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        var pdfText = await PdfTools.TextAsync(pdf);

        Assert.Contains("Spring Concert", html, StringComparison.Ordinal);
        Assert.Contains(ticket.Number, html, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("General admission", html, StringComparison.Ordinal);
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.Contains(ticket.Number, pdfText, StringComparison.Ordinal);
        Assert.Contains("Spring Concert", pdfText, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", pdfText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renderings_NoTokenWrongTokenOrOtherTenant_404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(1);
        var id = tickets[0].Id;

        Assert.Equal(HttpStatusCode.NotFound, (await s.Public.GetAsync($"{s.Prefix}/tickets/{id}/qr.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Public.GetAsync($"{s.Prefix}/tickets/{id}/print?token=guess")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync($"/api/v1/tickets/{id}/qr.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync($"/api/v1/tickets/{id}/print.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Get, $"{other.Prefix}/tickets/{id}/print", order))).StatusCode);
    }
}
