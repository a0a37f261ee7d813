using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Outbox;
using Platform.Tickets;
using Platform.Tickets.Codes;
using Platform.Tickets.Transfers;

namespace Platform.IntegrationTests.Tickets;

[Collection(PlatformCollection.Name)]
public sealed class TicketTransferTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Transfer_Staff_NewCodeVersionOldCodeStaleNewHolderMailed()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var buyerEmail = $"ada-{Guid.NewGuid():N}@example.com";
        var (order, tickets) = await s.PaidOrderAsync(1, buyerEmail);
        var old = tickets[0];
        var newEmail = $"grace-{Guid.NewGuid():N}@example.com";
        await fixture.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchTenantAsync(s.Events.Tenant.Id, CancellationToken.None);
        var buyerLink = new Uri(await fixture.FindMailLinkAsync(buyerEmail, "/print")).PathAndQuery;
        var buyerBefore = await s.Public.GetAsync(buyerLink);

        var transferred = await (await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{old.Id}/transfer", new { name = "Grace Hopper", email = newEmail }))
            .ReadAsync<TicketResponse>();
        await fixture.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchTenantAsync(s.Events.Tenant.Id, CancellationToken.None);
        var link = await fixture.FindMailLinkAsync(newEmail, "/print");
        var asBuyer = await s.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Get, $"{s.Prefix}/tickets/{old.Id}", order));
        var asHolder = await s.Public.GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal((2, 1, "Grace Hopper", newEmail), (transferred.CodeVersion, transferred.TransferCount, transferred.Holder.Name, transferred.Holder.Email));
        Assert.True(TicketCode.TryParse(old.QrPayload, out var oldClaims));
        Assert.True(TicketCode.TryParse(transferred.QrPayload, out var newClaims));
        // The old code still carries a valid signature, but for version 1: gates compare it with the ticket's current version.
        Assert.True(TicketFlow.VerifiesWith(await s.KeysAsync(), old.QrPayload!));
        Assert.NotEqual(transferred.CodeVersion, oldClaims.CodeVersion);
        Assert.Equal(transferred.CodeVersion, newClaims.CodeVersion);
        Assert.Equal(HttpStatusCode.NotFound, asBuyer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asHolder.StatusCode);
        Assert.Equal(HttpStatusCode.OK, buyerBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Public.GetAsync(buyerLink)).StatusCode);
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'ticket.transferred'"));
    }

    [Fact]
    public async Task Transfer_HolderWithOrderToken_ThenOrderTokenNoLongerWorks()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(1);
        var url = $"{s.Prefix}/tickets/{tickets[0].Id}/transfer";

        var first = await s.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Post, url, order, new { name = "Friend", email = "friend@example.com" }));
        var again = await s.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Post, url, order, new { name = "Other", email = "other@example.com" }));
        var invalid = await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{tickets[0].Id}/transfer", new { name = "", email = "not-an-email" });

        Assert.Equal(2, (await first.ReadAsync<TicketResponse>()).CodeVersion);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(["email", "name"], (await invalid.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields().Order());
    }

    [Fact]
    public async Task Transfer_LimitDeadlineOrDisabled_409()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (_, tickets) = await s.PaidOrderAsync(2);
        var settingsUrl = $"/api/v1/events/{s.Event.Id}/ticket-settings";
        Task<HttpResponseMessage> Transfer(Guid id) => s.Owner.PostAsJsonAsync($"/api/v1/tickets/{id}/transfer", new { name = "N", email = "n@example.com" });

        (await s.Owner.PutAsJsonAsync(settingsUrl, new { transfersEnabled = true, maxTransfersPerTicket = 1 })).EnsureSuccessStatusCode();
        var once = await Transfer(tickets[0].Id);
        var twice = await Transfer(tickets[0].Id);
        var settings = await (await s.Owner.PutAsJsonAsync(settingsUrl, new { transfersEnabled = true, transferDeadline = DateTimeOffset.UtcNow.AddMinutes(-1) }))
            .ReadAsync<EventTicketSettingsResponse>();
        var late = await Transfer(tickets[1].Id);
        (await s.Owner.PutAsJsonAsync(settingsUrl, new { transfersEnabled = false })).EnsureSuccessStatusCode();
        var disabled = await Transfer(tickets[1].Id);

        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        Assert.Equal("transfer_limit_reached", (await twice.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Null(settings.MaxTransfersPerTicket);
        Assert.Equal("transfer_deadline_passed", (await late.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("transfers_disabled", (await disabled.ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task TicketSettings_InvalidOrOtherTenant_422And404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var url = $"/api/v1/events/{s.Event.Id}/ticket-settings";

        var invalid = await s.Owner.PutAsJsonAsync(url, new { maxTransfersPerTicket = -1 });
        var defaults = await (await s.Owner.GetAsync(url)).ReadAsync<EventTicketSettingsResponse>();

        Assert.Equal(["maxTransfersPerTicket", "transfersEnabled"], (await invalid.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields().Order());
        Assert.Equal((true, (DateTimeOffset?)null, (int?)null), (defaults.TransfersEnabled, defaults.TransferDeadline, defaults.MaxTransfersPerTicket));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Owner.PutAsJsonAsync(url, new { transfersEnabled = true })).StatusCode);
    }

    [Fact]
    public async Task Refund_PartialLine_RevokesThatManyAndRevokedCannotTransferOrRender()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(3);
        var lineId = tickets[0].OrderLineId;

        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { lines = new[] { new { lineId, quantity = 2 } }, reason = "asked" }))
            .EnsureSuccessStatusCode();
        var after = await s.StaffTicketsAsync(order.Id);
        var revoked = after.Where(t => t.State == TicketState.Revoked).ToList();
        var transfer = await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{revoked[0].Id}/transfer", new { name = "N", email = "n@example.com" });
        var qr = await s.Owner.GetAsync($"/api/v1/tickets/{revoked[0].Id}/qr.png");
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "rest" })).EnsureSuccessStatusCode();

        Assert.Equal(2, revoked.Count);
        Assert.All(revoked, t => Assert.Equal(("refunded", (string?)null), (t.RevokedReason, t.QrPayload)));
        Assert.Equal("ticket_revoked", (await transfer.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal("ticket_revoked", (await qr.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.All(await s.StaffTicketsAsync(order.Id), t => Assert.Equal(TicketState.Revoked, t.State));
    }

    [Fact]
    public async Task Transfer_OtherTenant_404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(1);

        var staff = await other.Owner.PostAsJsonAsync($"/api/v1/tickets/{tickets[0].Id}/transfer", new { name = "N", email = "n@example.com" });
        var open = await other.Public.SendAsync(TicketFlow.WithOrderToken(HttpMethod.Post, $"{other.Prefix}/tickets/{tickets[0].Id}/transfer", order,
            new { name = "N", email = "n@example.com" }));

        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(1, (await s.StaffTicketsAsync(order.Id)).Single().CodeVersion);
    }
}
