using System.Net;
using System.Net.Http.Json;
using Platform.Auditing;
using Platform.Http;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Reports;
using Platform.IntegrationTests.Tickets;
using Platform.Orders;
using Platform.Pricing;
using Platform.Privacy;
using Platform.Tickets;
using Platform.Tickets.Ledger;

namespace Platform.IntegrationTests.Privacy;

/// <summary>
/// GDPR export and erasure of one buyer over the scripted sale of <see cref="SalesReportTests"/> (family@example.com:
/// a paid web order of 2 adults + 1 child, the child refunded, one adult checked in; promo@example.com: a web order
/// with the SPRING10 voucher), with a second tenant holding an order by the same email.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BuyerPrivacyTests(PlatformFixture fixture)
{
    private const string Family = "family@example.com";

    private static async Task<BuyerExportResponse> ExportAsync(HttpClient client, string email) =>
        await (await client.GetAsync($"/api/v1/privacy/buyers/export?email={Uri.EscapeDataString(email)}")).ReadAsync<BuyerExportResponse>();

    private static async Task<BuyerErasureResponse> EraseAsync(HttpClient client, string email) =>
        await (await client.PostAsJsonAsync("/api/v1/privacy/buyers/erase", new { email, reason = "Art. 17 request #42" })).ReadAsync<BuyerErasureResponse>();

    private static async Task<IReadOnlyList<OrderSummaryResponse>> SearchAsync(HttpClient client, string q) =>
        (await (await client.GetAsync($"/api/v1/orders?q={Uri.EscapeDataString(q)}")).ReadAsync<CursorPage<OrderSummaryResponse>>()).Data;

    [Fact]
    public async Task Export_ScriptedSale_OrdersPaymentsTicketsCheckInsAndRedemptions()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);

        var family = await ExportAsync(sale.S.Owner, " Family@Example.com ");

        var order = Assert.Single(family.Orders);
        Assert.Equal((sale.Family.Id, Family, OrderState.PartiallyRefunded, 6250L), (order.Id, order.Buyer.Email, order.State, order.Total));
        Assert.Equal(2, order.Lines.Count);
        Assert.Equal(["payment", "refund"], order.Payments.Select(p => p.Kind).Order());
        Assert.Null(order.OrderToken);
        Assert.Equal(3, family.Tickets.Count);
        Assert.All(family.Tickets, t => Assert.Equal(Family, t.Holder.Email));
        Assert.Single(family.Tickets, t => t.State == TicketState.Revoked);
        var checkIn = Assert.Single(family.CheckIns);
        Assert.Contains(family.Tickets, t => t.Id == checkIn.TicketId && t.Audience == Audience.Adult);
        Assert.Empty(family.VoucherRedemptions);

        var promo = await ExportAsync(sale.S.Owner, "promo@example.com");
        var redemption = Assert.Single(promo.VoucherRedemptions);
        Assert.Equal(("SPRING10", sale.Voucher.Id), (redemption.VoucherCode, redemption.OrderId));

        // Nobody else's data, and an unknown buyer is an empty document, not a 404 (that would confirm who is a customer only to the same admins).
        var nobody = await ExportAsync(sale.S.Owner, "nobody@example.com");
        Assert.Empty(nobody.Orders);
        Assert.Empty(nobody.Tickets);
    }

    [Fact]
    public async Task Erase_Buyer_AnonymisedEverywhere_MoneyAndLedgerKept_OtherTenantUntouched_Idempotent()
    {
        var sale = await SalesReportTests.ScriptedSaleAsync(fixture);
        var s = sale.S;
        var admin = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "admin"));
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var otherOrder = await other.PlaceAsync(1, Family);
        // The family's unscanned adult ticket goes to a friend; the voucher buyer's ticket goes to the family.
        var familyTickets = await s.StaffTicketsAsync(sale.Family.Id);
        var given = familyTickets.Where(t => t.Audience == Audience.Adult).Last();
        (await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{given.Id}/transfer", new { name = "Grace Hopper", email = "grace@example.com" })).EnsureSuccessStatusCode();
        var received = Assert.Single(await s.StaffTicketsAsync(sale.Voucher.Id));
        (await s.Owner.PostAsJsonAsync($"/api/v1/tickets/{received.Id}/transfer", new { name = "Family Friend", email = "FAMILY@example.com" })).EnsureSuccessStatusCode();

        var erased = await EraseAsync(admin, Family);

        Assert.Equal((1, 2, 1, 0), (erased.Orders, erased.Tickets, erased.Holds, erased.VoucherRedemptions));
        var order = await (await s.Owner.GetAsync($"/api/v1/orders/{sale.Family.Id}")).ReadAsync<OrderResponse>();
        Assert.Equal(new BuyerResponse(BuyerErasure.ErasedName, BuyerErasure.ErasedEmail, null), order.Buyer);
        Assert.Equal((OrderState.PartiallyRefunded, 6250L, 1250L, 2), (order.State, order.Total, order.RefundedAmount, order.Payments.Count));
        Assert.All(await s.StaffTicketsAsync(sale.Family.Id), t => Assert.Equal(new TicketHolderResponse(BuyerErasure.ErasedName, BuyerErasure.ErasedEmail), t.Holder));
        Assert.Equal(BuyerErasure.ErasedName, Assert.Single(await s.StaffTicketsAsync(sale.Voucher.Id)).Holder.Name);
        Assert.Empty(await SearchAsync(s.Owner, Family));
        // The phone and name keys went too: the voucher buyer (same phone) is still found by it, the family no longer.
        Assert.DoesNotContain(await SearchAsync(s.Owner, "+49 30 1234567"), o => o.Id == sale.Family.Id);
        Assert.Contains(await SearchAsync(s.Owner, "+49 30 1234567"), o => o.Id == sale.Voucher.Id);
        var after = await ExportAsync(admin, Family);
        Assert.Empty(after.Orders);
        Assert.Empty(after.Tickets);
        Assert.Equal(0L, await s.ScalarAsync<long>($"SELECT count(*) FROM holds WHERE tenant_id = @t AND id = '{sale.Family.HoldId}' AND buyer_email_key IS NOT NULL"));

        // The ticket ledger's chain still verifies: erasure never touches its entries.
        var chain = await (await admin.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>();
        Assert.True(chain.Valid, chain.Problem);

        // Audited: who, why and how much, the email only as its hash.
        var audit = await (await admin.GetAsync("/api/v1/audit-log?entityType=buyer")).ReadAsync<CursorPage<AuditEntryResponse>>();
        var entry = Assert.Single(audit.Data);
        Assert.Equal((erased.AuditEntryId, "buyer.erased"), (entry.Id, entry.Action));
        Assert.DoesNotContain("family", entry.EntityId + entry.Changes, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Art. 17 request #42", entry.Changes.ToString());

        // The other tenant's order by the same email is untouched.
        var theirs = Assert.Single(await SearchAsync(other.Owner, Family));
        Assert.Equal((otherOrder.Id, Family), (theirs.Id, theirs.Buyer.Email.ToLowerInvariant()));

        // Erasing again finds nothing; the voucher buyer's plain-text redemption email goes with theirs.
        var again = await EraseAsync(admin, Family);
        Assert.Equal((0, 0, 0, 0), (again.Orders, again.Tickets, again.Holds, again.VoucherRedemptions));
        Assert.Equal(1, (await EraseAsync(admin, "promo@example.com")).VoucherRedemptions);
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM voucher_redemptions WHERE tenant_id = @t AND buyer_email IS NOT NULL"));
        Assert.True((await (await admin.GetAsync("/api/v1/ledger/verify")).ReadAsync<LedgerVerificationResponse>()).Valid);
    }

    [Fact]
    public async Task Privacy_RolesAndBadInput_RefusedWithProblems()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var tenantId = s.Events.Tenant.Id;
        foreach (var role in new[] { "box_office", "analyst", "finance" })
        {
            var client = fixture.CreateClient(TestCaller.TenantMember(tenantId, role));
            await (await client.GetAsync("/api/v1/privacy/buyers/export?email=a@example.com")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsJsonAsync("/api/v1/privacy/buyers/erase", new { email = "a@example.com", reason = "r" })).ProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal("invalid_query", (await (await s.Owner.GetAsync("/api/v1/privacy/buyers/export")).ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal(["email"], (await (await s.Owner.GetAsync("/api/v1/privacy/buyers/export?email=not-an-email")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var invalid = await (await s.Owner.PostAsJsonAsync("/api/v1/privacy/buyers/erase", new { email = "nope", reason = "" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["email", "reason"], invalid.ErrorFields().Order());
        await (await s.Owner.PostAsync("/api/v1/privacy/buyers/erase", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        // Nothing was erased by the refused requests: no audit entry.
        Assert.Empty((await (await s.Owner.GetAsync("/api/v1/audit-log?entityType=buyer")).ReadAsync<CursorPage<AuditEntryResponse>>()).Data);
    }
}
