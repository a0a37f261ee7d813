using Platform.CheckIn;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;

namespace Platform.IntegrationTests.CheckIn;

/// <summary>A gate sees which seat a seated ticket is for: in the online scan's answer and in the offline package.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SeatOnScanTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Scan_SeatedTicket_AnswersSectionRowAndSeatOnlineAndOffline()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var seatId = s.FrontSeats[0];
        var expected = s.SectionA.Seats.Single(x => x.Id == seatId);
        var hold = await (await s.HoldSeatsAsync([seatId], "gate@example.com")).ReadAsync<Platform.Holds.HoldResponse>();
        var order = await (await s.OrderAsync(hold, email: "gate@example.com")).ReadAsync<Platform.Orders.OrderResponse>();
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        var ticket = (await s.StaffTicketsAsync(order.Id)).Single();
        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));

        var package = await (await scanner.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).ReadAsync<OfflinePackageResponse>();
        var first = await scanner.ScanAsync(s.Event.Id, ticket.QrPayload, "North");
        var second = await scanner.ScanAsync(s.Event.Id, ticket.QrPayload, "South");

        var want = (seatId, "Section A", expected.Row, expected.Seat);
        Assert.Equal(ScanResult.Admitted, first.Result);
        Assert.Equal(want, (first.Seat!.SeatId, first.Seat.Section, first.Seat.Row, first.Seat.Seat));
        Assert.Equal(ScanResult.AlreadyUsed, second.Result);
        Assert.Equal(want, (second.Seat!.SeatId, second.Seat.Section, second.Seat.Row, second.Seat.Seat));
        var offline = package.Tickets.Single(t => t.Id == ticket.Id).Seat!;
        Assert.Equal(want, (offline.SeatId, offline.Section, offline.Row, offline.Seat));
    }

    [Fact]
    public async Task Scan_GeneralAdmission_NoSeat()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 1);

        var package = await (await scanner.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).ReadAsync<OfflinePackageResponse>();
        var scan = await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload);

        Assert.Equal(ScanResult.Admitted, scan.Result);
        Assert.Null(scan.Seat);
        Assert.Null(package.Tickets.Single().Seat);
    }
}
