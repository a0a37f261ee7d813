using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using Platform.CheckIn;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Tickets;
using Platform.Tickets;
using Platform.Tickets.Codes;

namespace Platform.IntegrationTests.CheckIn;

[Collection(PlatformCollection.Name)]
public sealed class ScanTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Scan_Twice_AdmittedThenAlreadyUsedWithFirstGateAndTime()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture);
        var at = DateTimeOffset.UtcNow.AddSeconds(-30);

        var first = await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload, "North 1", at);
        var second = await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload, "South 2");

        Assert.Equal((ScanResult.Admitted, tickets[0].Id), (first.Result, first.TicketId));
        Assert.Equal((ScanResult.AlreadyUsed, "North 1"), (second.Result, second.FirstGate));
        Assert.Equal(at.ToUnixTimeMilliseconds(), second.FirstScannedAt!.Value.ToUnixTimeMilliseconds());
        var history = await (await s.Owner.GetAsync($"/api/v1/tickets/{tickets[0].Id}/history")).ReadAsync<Platform.Tickets.Ledger.TicketHistoryResponse>();
        Assert.Equal(1, history.Entries.Count(e => e.Kind == "checked_in"));
        Assert.True(history.Verification.Valid);
    }

    [Fact]
    public async Task Scan_ConcurrentAtTwentyGates_ExactlyOneAdmitted()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 1);

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(g => scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload, $"gate-{g}")));

        Assert.Single(results, r => r.Result == ScanResult.Admitted);
        Assert.Equal(19, results.Count(r => r.Result == ScanResult.AlreadyUsed));
        var winner = results.Single(r => r.Result == ScanResult.Admitted);
        Assert.All(results.Where(r => r.Result == ScanResult.AlreadyUsed), r => Assert.Equal(winner.FirstGate, r.FirstGate));
        await using var db = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM check_ins WHERE ticket_id = @id", db) { Parameters = { new("id", tickets[0].Id) } };
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Scan_AfterRefund_Revoked()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (order, tickets) = await s.PaidOrderAsync(1);
        var scanner = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "scanner"));
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "gone" })).EnsureSuccessStatusCode();

        Assert.Equal(ScanResult.Revoked, (await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload)).Result);
    }

    [Fact]
    public async Task Scan_OtherEvent_WrongEvent()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var other = await s.Events.PublishedGaEventAsync(capacity: 5, startsAt: DateTimeOffset.UtcNow.AddDays(40));

        var result = await scanner.ScanAsync(other.Id, tickets[0].QrPayload);

        Assert.Equal(ScanResult.WrongEvent, result.Result);
        Assert.Equal(0, (await scanner.CountsAsync(s.Event.Id)).Admitted);
    }

    [Fact]
    public async Task Scan_ForgedTruncatedOrOtherTenantCode_Invalid()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var (other, otherTickets, _) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var code = tickets[0].QrPayload!;
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        TicketCode.TryParse(code, out var claims);
        var forged = TicketCode.Sign(claims, forger);
        var flipped = code[..^3] + (code[^3] == 'A' ? 'B' : 'A') + code[^2..];

        var results = new[]
        {
            await scanner.ScanAsync(s.Event.Id, forged), await scanner.ScanAsync(s.Event.Id, code[..40]), await scanner.ScanAsync(s.Event.Id, flipped),
            await scanner.ScanAsync(s.Event.Id, "garbage"), await scanner.ScanAsync(other.Event.Id, otherTickets[0].QrPayload),
        };

        Assert.All(results, r => Assert.Equal(ScanResult.Invalid, r.Result));
        Assert.Equal(["bad_signature", "malformed", "bad_signature", "malformed", "unknown_key"], results.Select(r => r.Reason));
        Assert.Equal(ScanResult.Admitted, (await scanner.ScanAsync(s.Event.Id, code)).Result);
    }

    [Fact]
    public async Task Scan_TransferredTicket_OldCodeInvalidNewCodeAdmitted_ThenTransferRefused()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var moved = await (await TransferAsync(s, tickets[0].Id)).ReadAsync<TicketResponse>();

        var old = await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload);
        var fresh = await scanner.ScanAsync(s.Event.Id, moved.QrPayload);
        var again = await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{tickets[0].Id}/transfer", new { name = "Bob", email = "bob@example.com" });

        Assert.Equal((ScanResult.Invalid, "stale_code"), (old.Result, old.Reason));
        Assert.Equal(ScanResult.Admitted, fresh.Result);
        Assert.Equal("ticket_checked_in", (await again.ProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    /// <summary>Right after payment the ticket mailer may still be stamping the ticket: 409 concurrent_change says "reload and retry".</summary>
    private static async Task<HttpResponseMessage> TransferAsync(CheckoutScenario s, Guid ticketId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/transfer", new { name = "Ada", email = "ada@example.com" });
            if (response.StatusCode != HttpStatusCode.Conflict || attempt == 10)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Scan_ReEntryEnabled_AlternatesExitAndAdmission()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 2);
        (await s.Owner.PutAsJsonAsync($"/api/v1/check-in/events/{s.Event.Id}/settings", new { allowReEntry = true })).EnsureSuccessStatusCode();

        var results = new List<ScanResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add((await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload, $"g{i}")).Result);
        }

        var counts = await scanner.CountsAsync(s.Event.Id);
        Assert.Equal([ScanResult.Admitted, ScanResult.Exited, ScanResult.Admitted], results);
        Assert.Equal((1, 1, 2), (counts.Admitted, counts.Inside, counts.Valid));
        var list = await (await scanner.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/check-ins?limit=2")).ReadAsync<Platform.Http.CursorPage<CheckInRecordResponse>>();
        var rest = await (await scanner.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/check-ins?cursor={list.NextCursor}")).ReadAsync<Platform.Http.CursorPage<CheckInRecordResponse>>();
        Assert.Equal(["in", "out", "in"], list.Data.Concat(rest.Data).Select(c => c.Direction));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task Counts_PerTicketType_AdmittedOfValid()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 3);
        await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload);
        await scanner.ScanAsync(s.Event.Id, tickets[1].QrPayload);
        await scanner.ScanAsync(s.Event.Id, tickets[1].QrPayload);

        var counts = await scanner.CountsAsync(s.Event.Id);

        Assert.Equal((2, 3), (counts.Admitted, counts.Valid));
        Assert.Equal((s.TicketTypeId, 2, 3), (counts.TicketTypes.Single().TicketTypeId, counts.TicketTypes[0].Admitted, counts.TicketTypes[0].Valid));
    }

    [Fact]
    public async Task Scan_DeviceClockFarAhead_RecordedAtServerTimeAndFlagged()
    {
        var (s, tickets, scanner) = await CheckInFlow.ScenarioAsync(fixture, 1);

        var result = await scanner.ScanAsync(s.Event.Id, tickets[0].QrPayload, at: DateTimeOffset.UtcNow.AddYears(3));

        Assert.Equal((ScanResult.Admitted, true), (result.Result, result.ClockSkewed));
        Assert.InRange(result.ScannedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task EventViews_OtherTenantsEvent_NotFound()
    {
        var (s, _, _) = await CheckInFlow.ScenarioAsync(fixture, 1);
        var stranger = fixture.CreateClient(TestCaller.TenantMember((await fixture.CreateTenantAsync()).Id, "owner"));

        foreach (var path in new[] { "counts", "check-ins", "settings", "offline-package" })
        {
            await (await stranger.GetAsync($"/api/v1/check-in/events/{s.Event.Id}/{path}")).ProblemAsync(HttpStatusCode.NotFound);
        }

        await (await stranger.PutAsJsonAsync($"/api/v1/check-in/events/{s.Event.Id}/settings", new { allowReEntry = true })).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync("/api/v1/check-in/batches", new ScanBatchRequest("b", s.Event.Id, [new OfflineScanRequest("n", "x", "g", DateTimeOffset.UtcNow)])))
            .ProblemAsync(HttpStatusCode.NotFound);
    }
}
