using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.CheckIn;
using Platform.IntegrationTests.Infrastructure;
using Platform.Tickets;

namespace Platform.IntegrationTests.CheckIn;

[Collection(PlatformCollection.Name)]
public sealed class DeviceAndOfflineTests(PlatformFixture fixture)
{
    private HttpClient Device(string token)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", token);
        return client;
    }

    [Fact]
    public async Task Device_EnrolScanRevoke_ThenUnauthorized()
    {
        var (s, tickets, _) = await CheckInFlow.ScenarioAsync(fixture, 2);
        var enrolled = await (await s.Owner.PostAsJsonAsync("/api/v1/check-in/devices", new EnrolDeviceRequest("Gate North", null)))
            .ReadAsync<EnrolledDeviceResponse>();
        var device = Device(enrolled.Token);

        var scan = await device.ScanAsync(s.Event.Id, tickets[0].QrPayload, "north");
        var list = await (await s.Owner.GetAsync("/api/v1/check-in/devices")).ReadAsync<DeviceListResponse>();
        var ordersAsDevice = await device.GetAsync($"/api/v1/orders/{Guid.NewGuid()}/tickets");
        (await s.Owner.PostAsync($"/api/v1/check-in/devices/{enrolled.Device.Id}/revoke", null)).EnsureSuccessStatusCode();
        var afterRevoke = await device.PostAsJsonAsync("/api/v1/check-in/scans", new ScanRequest(s.Event.Id, tickets[1].QrPayload, "north", null));
        var forged = await Device(enrolled.Token[..^2] + "xx").GetAsync($"/api/v1/check-in/events/{s.Event.Id}/counts");

        Assert.Equal(ScanResult.Admitted, scan.Result);
        Assert.Equal("Gate North", list.Data.Single().Name);
        Assert.Equal(HttpStatusCode.Forbidden, ordersAsDevice.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var records = await (await s.Owner.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/check-ins")).ReadAsync<Platform.Http.CursorPage<CheckInRecordResponse>>();
        Assert.Equal(enrolled.Device.Id, records.Data.Single().DeviceId);
    }

    [Fact]
    public async Task Device_LimitedToOtherEvent_Forbidden()
    {
        var (s, tickets, _) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var other = await s.Events.PublishedGaEventAsync(capacity: 5, startsAt: DateTimeOffset.UtcNow.AddDays(40));
        var enrolled = await (await s.Owner.PostAsJsonAsync("/api/v1/check-in/devices", new EnrolDeviceRequest("Side", [other.Id])))
            .ReadAsync<EnrolledDeviceResponse>();

        var response = await Device(enrolled.Token).PostAsJsonAsync("/api/v1/check-in/scans", new ScanRequest(s.Event.Id, tickets[0].QrPayload, "x", null));

        Assert.Equal("device_event_not_allowed", (await response.ProblemAsync(HttpStatusCode.Forbidden)).Code());
    }

    [Fact]
    public async Task Device_RevokeOtherTenantsDevice_NotFound()
    {
        var (s, _, _) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var enrolled = await (await s.Owner.PostAsJsonAsync("/api/v1/check-in/devices", new EnrolDeviceRequest("A", null)))
            .ReadAsync<EnrolledDeviceResponse>();
        var stranger = fixture.CreateClient(TestCaller.TenantMember((await fixture.CreateTenantAsync()).Id, "owner"));

        await (await stranger.PostAsync($"/api/v1/check-in/devices/{enrolled.Device.Id}/revoke", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await stranger.GetAsync("/api/v1/check-in/devices")).ReadAsync<DeviceListResponse>()).Data);
    }

    [Fact]
    public async Task OfflinePackage_ListsValidTicketsRevokedAndKeys()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 3);
        var lineId = (await (await s.Owner.GetAsync($"/api/v1/orders/{tickets[0].OrderId}")).ReadAsync<Platform.Orders.OrderResponse>()).Lines[0].Id;
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{tickets[0].OrderId}/refunds", new { lines = new[] { new { lineId, quantity = 1 } }, reason = "one" }))
            .EnsureSuccessStatusCode();
        var after = await s.Owner.GetAsync($"/api/v1/orders/{tickets[0].OrderId}/tickets");
        var states = (await after.ReadAsync<TicketListResponse>()).Data;

        var package = await (await scanner.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/offline-package")).ReadAsync<OfflinePackageResponse>();

        Assert.Equal(states.Where(t => t.State == TicketState.Valid).Select(t => t.Id).Order(), package.Tickets.Select(t => t.Id).Order());
        Assert.Equal(states.Where(t => t.State == TicketState.Revoked).Select(t => t.Id), package.Revoked);
        Assert.All(package.Tickets, t => Assert.Equal(1, t.CodeVersion));
        Assert.Contains(package.Keys.Keys, k => k.Status == "active" && k.Crv == "P-256");
        Assert.InRange(package.ServerTime, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Batch_ConflictsEarliestWins_ReuploadIdempotent_SkewFlagged()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 3);
        var now = DateTimeOffset.UtcNow;
        var a = tickets[0].QrPayload;
        ScanBatchRequest batch = new("batch-1", s.Event.Id,
        [
            new("n1", a, "east", now.AddMinutes(-5)),
            new("n2", a, "west", now.AddMinutes(-9)),
            new("n3", tickets[1].QrPayload, "east", now.AddYears(2)),
            new("n4", "T1.broken", "east", now.AddMinutes(-1)),
        ]);

        var first = await (await scanner.PostAsJsonAsync("/api/v1/check-in/batches", batch)).ReadAsync<ScanBatchResponse>();
        var again = await (await scanner.PostAsJsonAsync("/api/v1/check-in/batches", batch)).ReadAsync<ScanBatchResponse>();
        var online = await scanner.ScanAsync(s.Event.Id, a, "main");

        var byNonce = first.Results.ToDictionary(r => r.Nonce, r => r.Scan);
        Assert.Equal(["n1", "n2", "n3", "n4"], first.Results.Select(r => r.Nonce));
        Assert.Equal((ScanResult.Admitted, "west"), (byNonce["n2"].Result, byNonce["n2"].FirstGate));
        Assert.Equal((ScanResult.AlreadyUsed, "west"), (byNonce["n1"].Result, byNonce["n1"].FirstGate));
        Assert.Equal((ScanResult.Admitted, true), (byNonce["n3"].Result, byNonce["n3"].ClockSkewed));
        Assert.Equal((ScanResult.Invalid, "malformed"), (byNonce["n4"].Result, byNonce["n4"].Reason));
        Assert.All(again.Results, r => Assert.True(r.Replayed));
        Assert.Equal(first.Results.Select(r => (r.Scan.Result, r.Scan.FirstGate)), again.Results.Select(r => (r.Scan.Result, r.Scan.FirstGate)));
        Assert.Equal((ScanResult.AlreadyUsed, "west"), (online.Result, online.FirstGate));
        Assert.Equal(2, (await scanner.CountsAsync(s.Event.Id)).Admitted);
    }

    [Fact]
    public async Task Batch_SameNonceFromAnotherDevice_ScannedSeparately()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var other = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));
        ScanBatchRequest batch = new("b", s.Event.Id, [new("same", tickets[0].QrPayload, "g", DateTimeOffset.UtcNow)]);

        var mine = await (await scanner.PostAsJsonAsync("/api/v1/check-in/batches", batch)).ReadAsync<ScanBatchResponse>();
        var theirs = await (await other.PostAsJsonAsync("/api/v1/check-in/batches", batch)).ReadAsync<ScanBatchResponse>();

        Assert.Equal((ScanResult.Admitted, false), (mine.Results[0].Scan.Result, mine.Results[0].Replayed));
        Assert.Equal((ScanResult.AlreadyUsed, false), (theirs.Results[0].Scan.Result, theirs.Results[0].Replayed));
    }
}
