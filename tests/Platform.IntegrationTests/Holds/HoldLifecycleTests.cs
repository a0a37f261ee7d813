using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Holds;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Holds;

[Collection(PlatformCollection.Name)]
public sealed class HoldLifecycleTests(PlatformFixture fixture)
{
    [Fact]
    public async Task CreateHold_GeneralAdmission_ReturnsTokenAndTenMinuteExpiry()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);

        var response = await s.HoldGaAsync(3, "a@example.com");

        var hold = await response.ReadAsync<HoldResponse>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(hold.HoldToken));
        Assert.Equal((HoldState.Active, 3), (hold.State, hold.Quantity));
        Assert.InRange(hold.ExpiresAt - hold.CreatedAt, TimeSpan.FromMinutes(9.9), TimeSpan.FromMinutes(10.1));
        Assert.Equal(7, (await s.CounterAsync()).Available);
    }

    [Fact]
    public async Task CreateHold_MoreThanAvailable_409SoldOutNothingChanged()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 4);

        var response = await s.HoldGaAsync(5, "a@example.com");

        Assert.Equal("sold_out", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(0, (await s.CounterAsync()).Held);
    }

    [Fact]
    public async Task CreateHold_ExpiredHoldsOfQuota_ReclaimedInlineWithoutAnyJob()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var first = await (await s.HoldGaAsync(5, "first@example.com")).ReadAsync<HoldResponse>();
        Assert.Equal(HttpStatusCode.Conflict, (await s.HoldGaAsync(1, "second@example.com")).StatusCode);

        await s.ExpireAsync(first.Id);
        var second = await s.HoldGaAsync(5, "second@example.com");

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(5, (await s.CounterAsync()).Held);
        var old = await (await s.Public.SendAsync(s.WithToken(HttpMethod.Get, $"{s.Prefix}/holds/{first.Id}", first))).ReadAsync<HoldResponse>();
        Assert.Equal(HoldState.Expired, old.State);
    }

    [Fact]
    public async Task CreateHold_SeatOfExpiredHold_CountsAsAvailable()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var seat = s.FrontSeats[..1];
        var first = await (await s.HoldSeatsAsync(seat, "first@example.com")).ReadAsync<HoldResponse>();
        Assert.Equal(HttpStatusCode.Conflict, (await s.HoldSeatsAsync(seat, "second@example.com")).StatusCode);

        await s.ExpireAsync(first.Id);

        Assert.Equal(HttpStatusCode.Created, (await s.HoldSeatsAsync(seat, "second@example.com")).StatusCode);
        var extend = await s.Public.SendAsync(s.WithToken(HttpMethod.Post, $"{s.Prefix}/holds/{first.Id}/extend", first));
        Assert.Equal("hold_expired", (await extend.ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task ExtendHold_Twice_SecondIs409()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var hold = await (await s.HoldGaAsync(1, "a@example.com")).ReadAsync<HoldResponse>();

        var extended = await (await s.Public.SendAsync(s.WithToken(HttpMethod.Post, $"{s.Prefix}/holds/{hold.Id}/extend", hold))).ReadAsync<HoldResponse>();
        var again = await s.Public.SendAsync(s.WithToken(HttpMethod.Post, $"{s.Prefix}/holds/{hold.Id}/extend", hold));

        Assert.True(extended.Extended);
        Assert.InRange(extended.ExpiresAt - hold.ExpiresAt, TimeSpan.FromMinutes(9.9), TimeSpan.FromMinutes(10.1));
        Assert.Equal("hold_already_extended", (await again.ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task ReleaseHold_Active_ReturnsStockAndBuyerAllowance()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var hold = await (await s.HoldGaAsync(6, "a@example.com")).ReadAsync<HoldResponse>();

        var released = await s.Public.SendAsync(s.WithToken(HttpMethod.Delete, $"{s.Prefix}/holds/{hold.Id}", hold));

        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        Assert.Equal(0, (await s.CounterAsync()).Held);
        Assert.Equal(HttpStatusCode.Created, (await s.HoldGaAsync(6, "A@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.HoldGaAsync(4, "a@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await s.Public.SendAsync(s.WithToken(HttpMethod.Delete, $"{s.Prefix}/holds/{hold.Id}", hold))).StatusCode);
    }

    [Fact]
    public async Task GetHold_WrongToken_404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var hold = await (await s.HoldGaAsync(1, "a@example.com")).ReadAsync<HoldResponse>();

        var wrong = await s.Public.SendAsync(s.WithToken(HttpMethod.Get, $"{s.Prefix}/holds/{hold.Id}", hold with { HoldToken = "nope" }));
        var none = await s.Public.GetAsync($"{s.Prefix}/holds/{hold.Id}");

        await wrong.ProblemAsync(HttpStatusCode.NotFound);
        await none.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetHold_OtherTenant_404()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var hold = await (await s.HoldGaAsync(1, "a@example.com")).ReadAsync<HoldResponse>();
        var other = await fixture.CreateTenantAsync();
        var stranger = fixture.CreateClient(TestCaller.TenantMember(other.Id, "owner"));

        await (await stranger.GetAsync($"/api/v1/holds/{hold.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/api/v1/holds/{hold.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var mine = await (await s.Owner.GetAsync($"/api/v1/holds/{hold.Id}")).ReadAsync<HoldResponse>();
        Assert.Null(mine.HoldToken);
    }

    [Fact]
    public async Task CreateHold_StaffBoxOfficeWithoutWindow_409SalesWindowClosed()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));

        var response = await boxOffice.PostAsJsonAsync("/api/v1/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 1 } },
        });
        var web = await boxOffice.PostAsJsonAsync("/api/v1/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, channel = "web", lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 1 } },
        });

        Assert.Equal("sales_window_closed", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(HttpStatusCode.Created, web.StatusCode);
    }

    [Fact]
    public async Task CreateHold_BadInput_ClearProblems()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 50);
        var other = await CheckoutScenario.SeatedAsync(fixture);

        var tooMany = await s.HoldGaAsync(7, "a@example.com");
        var noEmail = await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, lines = new[] { new { ticketTypeId = s.TicketTypeId, quantity = 1 } },
        });
        var foreignSeats = await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, buyerEmail = "a@example.com",
            lines = new[] { new { ticketTypeId = s.TicketTypeId, seatIds = other.FrontSeats[..1] } },
        });
        var missing = await s.Public.PostAsJsonAsync($"{s.Prefix}/holds", new { eventId = s.Event.Id, buyerEmail = "a@example.com" });

        Assert.Contains("lines", (await tooMany.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("buyerEmail", (await noEmail.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("lines[0]", (await foreignSeats.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var fields = (await missing.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields();
        Assert.Contains("occurrenceId", fields);
        Assert.Contains("lines", fields);
        Assert.Equal(0, (await s.CounterAsync()).Held);
    }

    [Fact]
    public async Task CreateHold_EventNotOnSale_409()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        (await s.Owner.PostAsync($"/api/v1/events/{s.Event.Id}/mark-sold-out", null)).EnsureSuccessStatusCode();

        var response = await s.HoldGaAsync(1, "a@example.com");

        Assert.Equal("event_not_on_sale", (await response.ProblemAsync(HttpStatusCode.Conflict)).Code());
    }
}

[Collection(PlatformCollection.Name)]
public sealed class HoldCleanupJobTests(PlatformFixture fixture)
{
    [Fact]
    public async Task RunAsync_ExpiredHold_MarkedExpiredAndStockReturned()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var hold = await (await s.HoldGaAsync(2, "a@example.com")).ReadAsync<HoldResponse>();
        var live = await (await s.HoldGaAsync(1, "b@example.com")).ReadAsync<HoldResponse>();
        await s.ExpireAsync(hold.Id);

        using (var scope = fixture.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HoldCleanupJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(1, (await s.CounterAsync()).Held);
        Assert.Equal("expired", await s.ScalarAsync<string>($"SELECT state FROM holds WHERE tenant_id = @t AND id = '{hold.Id}'"));
        Assert.Equal("active", await s.ScalarAsync<string>($"SELECT state FROM holds WHERE tenant_id = @t AND id = '{live.Id}'"));
    }
}
