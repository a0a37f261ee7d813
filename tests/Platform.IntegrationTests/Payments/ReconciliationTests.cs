using System.Net;
using Npgsql;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Payments;

namespace Platform.IntegrationTests.Payments;

[Collection(PlatformCollection.Name)]
public sealed class ReconciliationTests(PlatformFixture fixture)
{
    [Fact]
    public async Task GetReconciliation_PaidOrdersAndATamperedOne_ReportsMismatchAndTicketsToIssue()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var first = await s.PlaceAsync(2, "a@example.com");
        var second = await s.PlaceAsync(3, "b@example.com");
        (await s.PayAsync(first)).EnsureSuccessStatusCode();
        (await s.PayAsync(second)).EnsureSuccessStatusCode();
        await s.PlaceAsync(1, "c@example.com");

        var clean = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();
        // Break the books behind the application's back: the second order loses its paid state.
        await using (var connection = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE orders SET state = 'cancelled' WHERE id = @o", connection);
            command.Parameters.AddWithValue("o", second.Id);
            await command.ExecuteNonQueryAsync();
        }

        var broken = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();

        Assert.Empty(clean.PaymentMismatches);
        Assert.Equal(new TicketsToIssueResponse(2, 5), clean.PaidOrdersWithoutTickets);
        var mismatch = Assert.Single(broken.PaymentMismatches);
        Assert.Equal((second.Id, "payment_for_unpaid_order"), (mismatch.OrderId, mismatch.Problem));
        Assert.Equal(new TicketsToIssueResponse(1, 2), broken.PaidOrdersWithoutTickets);
    }

    [Fact]
    public async Task GetReconciliation_BoxOfficeRole_403()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 1);
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));

        Assert.Equal(HttpStatusCode.Forbidden, (await boxOffice.GetAsync("/api/v1/reports/reconciliation")).StatusCode);
    }
}
