using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Outbox;
using Platform.Tickets;

namespace Platform.IntegrationTests.Tickets;

[Collection(PlatformCollection.Name)]
public sealed class TicketAccessTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Lookup_OrderAndEmail_ListsTicketsWrongEmailOrOrder404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var email = $"look-{Guid.NewGuid():N}@example.com";
        var (order, tickets) = await s.PaidOrderAsync(2, email);

        var found = await s.Public.PostAsJsonAsync($"{s.Prefix}/tickets/lookup", new { orderId = order.Id, email = "  " + email.ToUpperInvariant() });
        var wrongEmail = await s.Public.PostAsJsonAsync($"{s.Prefix}/tickets/lookup", new { orderId = order.Id, email = "someone@example.com" });
        var wrongOrder = await s.Public.PostAsJsonAsync($"{s.Prefix}/tickets/lookup", new { orderId = Guid.NewGuid(), email });
        var missing = await s.Public.PostAsJsonAsync($"{s.Prefix}/tickets/lookup", new { orderId = order.Id });

        Assert.Equal(tickets.Select(t => t.Id), (await found.ReadAsync<TicketListResponse>()).Data.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.NotFound, wrongEmail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongOrder.StatusCode);
        Assert.Equal((await wrongEmail.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(),
            (await wrongOrder.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Contains("email", (await missing.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task Lookup_OtherTenantsSlug_404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var email = $"x-{Guid.NewGuid():N}@example.com";
        var (order, _) = await s.PaidOrderAsync(1, email);

        var response = await other.Public.PostAsJsonAsync($"{other.Prefix}/tickets/lookup", new { orderId = order.Id, email });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Issuance_Email_LandsWithWorkingTicketLink()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var email = $"mail-{Guid.NewGuid():N}@example.com";
        var (_, tickets) = await s.PaidOrderAsync(2, email);
        await fixture.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchTenantAsync(s.Events.Tenant.Id, CancellationToken.None);

        var link = await fixture.FindMailLinkAsync(email, "/print");
        var page = await s.Public.GetAsync(new Uri(link).PathAndQuery);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"];
        var viaHeader = await s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(link).AbsolutePath.Replace("/print", "", StringComparison.Ordinal))
        {
            Headers = { { "X-Ticket-Token", token } },
        });

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(tickets.Select(t => t.Number), n => html.Contains(n, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
    }

    [Fact]
    public async Task EventTickets_CursorPaging_AllTicketsOnceAndStateFilter()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (_, first) = await s.PaidOrderAsync(2);
        var (_, second) = await s.PaidOrderAsync(1);

        var page1 = await (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}/tickets?limit=2")).ReadAsync<Platform.Http.CursorPage<TicketResponse>>();
        var page2 = await (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}/tickets?limit=2&cursor={page1.NextCursor}"))
            .ReadAsync<Platform.Http.CursorPage<TicketResponse>>();
        var revoked = await (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}/tickets?state=revoked")).ReadAsync<Platform.Http.CursorPage<TicketResponse>>();
        var bad = await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}/tickets?state=used");

        Assert.Equal(first.Concat(second).Select(t => t.Id).Order(), page1.Data.Concat(page2.Data).Select(t => t.Id).Order());
        Assert.NotNull(page1.NextCursor);
        Assert.Null(page2.NextCursor);
        Assert.Empty(revoked.Data);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await CheckoutScenario.GaAsync(fixture, 1)).Owner.GetAsync($"/api/v1/events/{s.Event.Id}/tickets")).StatusCode);
    }

    [Fact]
    public async Task RotateKey_OldCodesStillVerifyNewCodesUseNewKey()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var before = (await s.PaidOrderAsync(1)).Tickets.Single();
        var oldKid = (await s.KeysAsync()).Keys.Single().Kid;

        var rotated = await (await s.Owner.PostAsync("/api/v1/ticket-keys/rotate", null)).ReadAsync<TicketJsonWebKey>();
        var keys = await s.KeysAsync();
        var after = (await s.PaidOrderAsync(1)).Tickets.Single();

        Assert.NotEqual(oldKid, rotated.Kid);
        Assert.Equal([("active", rotated.Kid), ("retired", oldKid)], keys.Keys.Select(k => (k.Status, k.Kid)));
        Assert.True(TicketFlow.VerifiesWith(keys, before.QrPayload!));
        Assert.True(Platform.Tickets.Codes.TicketCode.TryParse(after.QrPayload, out var claims));
        Assert.Equal(rotated.Kid, claims.KeyId);
        Assert.True(TicketFlow.VerifiesWith(keys, after.QrPayload!));
    }
}
