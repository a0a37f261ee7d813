using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.Holds;
using Platform.Import;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using static Platform.IntegrationTests.Import.ImportScenario;

namespace Platform.IntegrationTests.Import;

/// <summary>Seated ticket types in a legacy import (issue #18 item 4, ADR 0057): the exact seat, or a clear reason.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportSeatTests(PlatformFixture fixture)
{
    [Fact]
    public async Task SeatedRows_TakeTheirExactSeat_UnknownTakenAndDoubledRejected_SeatEndsAsABoxOfficeSale()
    {
        // Section "A" (code A, name "Section A"), rows A-C × seats 1-4; the seated type sells the "front" rows A and B.
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var admin = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "admin"));
        (await admin.PutAsJsonAsync("/api/v1/imports/mapping", new
        {
            columns = new Dictionary<string, string>(), ticketTypes = new Dictionary<string, Guid> { ["Parkett"] = s.TicketTypeId }, keepLegacyCodes = true,
        })).EnsureSuccessStatusCode();
        Guid Seat(string row, string seat) => s.SectionA.Seats.Single(x => x.Row == row && x.Seat == seat).Id;
        // A buyer online holds A-2 right now: not free for the import.
        (await s.HoldSeatsAsync([Seat("A", "2")], "online@example.com")).EnsureSuccessStatusCode();

        string Seated(string orderRef, string code, string section, string row, string seat, string email = "anna@example.com") =>
            Row(orderRef, code, email: email, start: "", type: "Parkett", price: "50.00 EUR") + $",{section},{row},{seat}";
        var file = Encoding.UTF8.GetBytes(SeatedHeader + "\n" + string.Join("\n",
            Seated("S-1", "SC-1", "A", "A", "1"),                      // 2: created
            Seated("S-1", "SC-2", "section a", "b", "3"),              // 3: created, same order (section by name, any case)
            Seated("S-2", "SC-3", "A", "A", "1", "bo@example.com"),    // 4: the file's second row for A-1
            Seated("S-3", "SC-4", "A", "A", "2", "cy@example.com"),    // 5: held online
            Seated("S-4", "SC-5", "A", "Z", "9", "di@example.com"),    // 6: no such seat
            Seated("S-5", "SC-6", "A", "C", "1", "ed@example.com"),    // 7: a "back" seat, not sold by this ticket type
            Seated("S-6", "SC-7", "", "", "", "fa@example.com")) + "\n"); // 8: no seat given
        using var body = new ByteArrayContent(file);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var job = await (await admin.PostAsync("/api/v1/imports?fileName=seated.csv", body)).ReadAsync<ImportJobResponse>();

        var dry = await (await admin.PostAsJsonAsync($"/api/v1/imports/{job.Id}/dry-run", new { sample = 100 })).ReadAsync<ImportDryRunResponse>();
        Assert.Equal([
            (2, RowOutcome.Created, null), (3, RowOutcome.Created, null), (4, RowOutcome.Rejected, "seat_taken"), (5, RowOutcome.Rejected, "seat_taken"),
            (6, RowOutcome.Rejected, "seat_unknown"), (7, RowOutcome.Rejected, "seat_not_for_ticket_type"), (8, RowOutcome.Rejected, "missing_seat"),
        ], dry.Rows.Select(r => (r.Row, r.Outcome, r.Reason)).ToArray());

        (await admin.PostAsync($"/api/v1/imports/{job.Id}/start", null)).EnsureSuccessStatusCode();
        ImportJobResponse done;
        var until = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await Task.Delay(250);
            done = await (await admin.GetAsync($"/api/v1/imports/{job.Id}")).ReadAsync<ImportJobResponse>();
        }
        while (done.State is not (ImportJobState.Succeeded or ImportJobState.Failed) && DateTime.UtcNow < until);
        Assert.Equal((ImportJobState.Succeeded, 2, 5), (done.State, done.Created, done.Rejected));

        // The same seat sold at the box office, for comparison: the imported seats must end exactly like it.
        var seller = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));
        var hold = await (await seller.PostAsJsonAsync("/api/v1/holds", new
        {
            eventId = s.Event.Id, occurrenceId = s.OccurrenceId, lines = new[] { new { ticketTypeId = s.TicketTypeId, seatIds = new[] { Seat("B", "4") } } }, channel = "web",
        })).ReadAsync<HoldResponse>();
        var order = await (await seller.PostAsJsonAsync("/api/v1/orders", new { holdId = hold.Id, buyer = new { name = "Walk-up", email = "walkup@example.com" } }))
            .ReadAsync<OrderResponse>();
        (await seller.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments", new { method = "cash" })).EnsureSuccessStatusCode();

        async Task<string> StateOf(Guid seat) => await s.ScalarAsync<string>($"""
            SELECT es.state || '|' || (es.held_until IS NULL) || '|' || h.state || '|' || o.state || '|'
                   || (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND es.seat_id = ANY(l.seat_ids)) || '|'
                   || (SELECT string_agg(t.state || ':' || (t.price_zone_id = es.price_zone_id), ',') FROM tickets t WHERE t.seat_id = es.seat_id)
            FROM event_seats es JOIN holds h ON h.id = es.hold_id JOIN orders o ON o.hold_id = h.id
            WHERE es.tenant_id = @t AND es.seat_id = '{seat}'
            """);
        var boxOffice = await StateOf(Seat("B", "4"));
        Assert.Equal("sold|true|converted|paid|1|valid:true", boxOffice);
        Assert.Equal(boxOffice, await StateOf(Seat("A", "1")));
        Assert.Equal(boxOffice, await StateOf(Seat("B", "3")));
        Assert.Equal("held", await s.ScalarAsync<string>($"SELECT state FROM event_seats WHERE tenant_id = @t AND seat_id = '{Seat("A", "2")}'"));
        Assert.Equal(3L, await s.ScalarAsync<long>("SELECT count(*) FROM event_seats WHERE tenant_id = @t AND state = 'sold'"));

        // Again: nothing new, and the seats stay as they are.
        using var again = new ByteArrayContent(file);
        again.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var second = await (await admin.PostAsync("/api/v1/imports?fileName=seated.csv", again)).ReadAsync<ImportJobResponse>();
        var secondDry = await (await admin.PostAsJsonAsync($"/api/v1/imports/{second.Id}/dry-run", new { sample = 100 })).ReadAsync<ImportDryRunResponse>();
        Assert.Equal((0, 2), (secondDry.Created, secondDry.Unchanged));
        Assert.Equal(3L, await s.ScalarAsync<long>("SELECT count(*) FROM event_seats WHERE tenant_id = @t AND state = 'sold'"));
    }
}
