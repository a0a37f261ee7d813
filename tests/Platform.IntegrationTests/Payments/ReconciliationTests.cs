using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Payments;

namespace Platform.IntegrationTests.Payments;

[Collection(PlatformCollection.Name)]
public sealed class ReconciliationTests(PlatformFixture fixture)
{
    [Fact]
    public async Task GetReconciliation_CleanSale_ReportsNothing()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var first = await s.PlaceAsync(2, "a@example.com");
        var second = await s.PlaceAsync(3, "b@example.com");
        (await s.PayAsync(first)).EnsureSuccessStatusCode();
        (await s.PayAsync(second)).EnsureSuccessStatusCode();
        await s.PlaceAsync(1, "c@example.com");

        var report = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();

        // Every paid order has its tickets (issued with the payment) and one payment; the unpaid one has neither.
        Assert.Empty(report.PaymentMismatches);
        Assert.Empty(report.TicketMismatches);
        Assert.Equal(new MissingTicketsResponse(0, 0), report.PaidOrdersWithoutTickets);
    }

    [Fact]
    public async Task GetReconciliation_TicketDeletedBehindThePlatformsBack_FlagsThatOrderLine()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var first = await s.PlaceAsync(2, "a@example.com");
        var second = await s.PlaceAsync(3, "b@example.com");
        (await s.PayAsync(first)).EnsureSuccessStatusCode();
        (await s.PayAsync(second)).EnsureSuccessStatusCode();

        await SuperuserAsync("DELETE FROM tickets WHERE id = (SELECT id FROM tickets WHERE order_id = @o ORDER BY id LIMIT 1)", second.Id);
        var report = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();

        Assert.Empty(report.PaymentMismatches);
        var mismatch = Assert.Single(report.TicketMismatches);
        Assert.Equal(new TicketMismatchResponse(second.Id, second.Lines[0].Id, "tickets_missing", 3, 2), mismatch);
        Assert.Equal(new MissingTicketsResponse(1, 1), report.PaidOrdersWithoutTickets);
    }

    [Fact]
    public async Task GetReconciliation_PartialRefund_CountsOnlyTheTicketsKept()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var order = await s.PlaceAsync(3, "a@example.com");
        (await s.PayAsync(order)).EnsureSuccessStatusCode();
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds",
            new { reason = "one cannot come", lines = new[] { new { lineId = order.Lines[0].Id, quantity = 1 } } })).EnsureSuccessStatusCode();

        var clean = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();
        // A revoked ticket comes back to life behind the platform's back: the line now has more valid tickets than it kept.
        await SuperuserAsync("UPDATE tickets SET state = 'valid' WHERE order_id = @o AND state = 'revoked'", order.Id);
        var broken = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();

        Assert.Empty(clean.TicketMismatches);
        Assert.Equal(new TicketMismatchResponse(order.Id, order.Lines[0].Id, "tickets_in_excess", 2, 3), Assert.Single(broken.TicketMismatches));
        Assert.Equal(new MissingTicketsResponse(0, 0), broken.PaidOrdersWithoutTickets);
    }

    [Fact]
    public async Task GetReconciliation_PaidOrderTurnedCancelled_ReportsPaymentAndTickets()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var first = await s.PlaceAsync(2, "a@example.com");
        var second = await s.PlaceAsync(3, "b@example.com");
        (await s.PayAsync(first)).EnsureSuccessStatusCode();
        (await s.PayAsync(second)).EnsureSuccessStatusCode();

        // Break the books behind the application's back: the second order loses its paid state.
        await SuperuserAsync("UPDATE orders SET state = 'cancelled' WHERE id = @o", second.Id);
        var broken = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();

        var mismatch = Assert.Single(broken.PaymentMismatches);
        Assert.Equal((second.Id, "payment_for_unpaid_order"), (mismatch.OrderId, mismatch.Problem));
        Assert.Equal(new TicketMismatchResponse(second.Id, second.Lines[0].Id, "tickets_for_unpaid_order", 0, 3), Assert.Single(broken.TicketMismatches));
        Assert.Equal(new MissingTicketsResponse(0, 0), broken.PaidOrdersWithoutTickets);
    }

    [Fact]
    public async Task GetReconciliation_BoxOfficeRole_403()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 1);
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));

        Assert.Equal(HttpStatusCode.Forbidden, (await boxOffice.GetAsync("/api/v1/reports/reconciliation")).StatusCode);
    }

    private async Task SuperuserAsync(string sql, Guid orderId)
    {
        await using var connection = new NpgsqlConnection(fixture.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("o", orderId);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the tampering statement changed nothing");
    }
}
