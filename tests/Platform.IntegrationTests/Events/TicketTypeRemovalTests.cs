using System.Net;
using System.Net.Http.Json;
using Platform.Events;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;

namespace Platform.IntegrationTests.Events;

/// <summary>DELETE a ticket type: only while nothing was sold or held for it; otherwise the promoter takes it off sale (channels: []).</summary>
[Collection(PlatformCollection.Name)]
public sealed class TicketTypeRemovalTests(PlatformFixture fixture)
{
    [Fact]
    public async Task RemoveTicketType_NothingSold_GoneAndAudited_OtherTenant404_Scanner403()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.CreateEventAsync();
        var quota = await s.AddQuotaAsync(ev.Id, 10);
        var keep = await s.AddGaTicketAsync(ev.Id, quota.Id);
        var drop = await s.AddGaTicketAsync(ev.Id, quota.Id, priceMinor: 1000);
        var other = await EventScenario.CreateAsync(fixture);
        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.Tenant.Id, "scanner"));

        var foreign = await other.Owner.DeleteAsync($"/api/v1/events/{ev.Id}/ticket-types/{drop.Id}");
        var refused = await scanner.DeleteAsync($"/api/v1/events/{ev.Id}/ticket-types/{drop.Id}");
        var removed = await s.Owner.DeleteAsync($"/api/v1/events/{ev.Id}/ticket-types/{drop.Id}");
        var again = await s.Owner.DeleteAsync($"/api/v1/events/{ev.Id}/ticket-types/{drop.Id}");

        await foreign.ProblemAsync(HttpStatusCode.NotFound);
        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await again.ProblemAsync(HttpStatusCode.NotFound);
        var after = await (await s.Owner.GetAsync($"/api/v1/events/{ev.Id}")).ReadAsync<EventResponse>();
        Assert.Equal([keep.Id], after.TicketTypes.Select(t => t.Id));
        var audit = await (await s.Owner.GetAsync($"/api/v1/audit-log?entityType=ticket_type&entityId={drop.Id}"))
            .ReadAsync<Platform.Http.CursorPage<Platform.Auditing.AuditEntryResponse>>();
        Assert.Contains(audit.Data, e => e.Action == "ticket_type.removed");
    }

    [Fact]
    public async Task RemoveTicketType_Sold_ConflictInUse_ThenOffSaleWithEmptyChannels()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.PaidOrderAsync(1);

        var response = await s.Owner.DeleteAsync($"/api/v1/events/{s.Event.Id}/ticket-types/{s.TicketTypeId}");
        var offSale = await (await s.Owner.PatchAsJsonAsync($"/api/v1/events/{s.Event.Id}/ticket-types/{s.TicketTypeId}", new { channels = Array.Empty<string>() }))
            .ReadAsync<TicketTypeResponse>();
        var hold = await s.HoldGaAsync(1, "late@example.com");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("ticket_type_in_use", problem.Code());
        Assert.Contains("channels", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(offSale.Channels);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, hold.StatusCode);
        var ev = await (await s.Owner.GetAsync($"/api/v1/events/{s.Event.Id}")).ReadAsync<EventResponse>();
        Assert.Contains(ev.TicketTypes, t => t.Id == s.TicketTypeId);
    }

    [Fact]
    public async Task RemoveTicketType_OnlyHeld_ConflictInUse()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var second = await s.Events.AddGaTicketAsync(s.Event.Id, s.Event.Quotas[0].Id, priceMinor: 900);
        (await s.HoldGaAsync(1, "holder@example.com")).EnsureSuccessStatusCode();

        var held = await s.Owner.DeleteAsync($"/api/v1/events/{s.Event.Id}/ticket-types/{s.TicketTypeId}");
        var unused = await s.Owner.DeleteAsync($"/api/v1/events/{s.Event.Id}/ticket-types/{second.Id}");

        Assert.Equal("ticket_type_in_use", (await held.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(HttpStatusCode.NoContent, unused.StatusCode);
    }

    [Fact]
    public async Task RemoveTicketType_LastOfPublishedEvent_ConflictNoTicketTypes()
    {
        var s = await EventScenario.CreateAsync(fixture);
        var ev = await s.PublishedGaEventAsync(capacity: 5, startsAt: DateTimeOffset.UtcNow.AddDays(30));

        var response = await s.Owner.DeleteAsync($"/api/v1/events/{ev.Id}/ticket-types/{ev.TicketTypes[0].Id}");

        Assert.Equal("no_ticket_types", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
    }
}
