using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Payments.Stripe;
using Platform.Orders;
using Platform.Reports.Finance.Provider;

namespace Platform.IntegrationTests.Reports;

/// <summary>
/// The provider reconciliation over HTTP with the Stripe stand-in: Connect sales paid through the webhook, refunds
/// through the API, Stripe's balance transactions synced by the background job ("sync now"), the report and the journal.
/// Figures: 2 tickets = 50.00 EUR; Stripe's fee 2.9 % + 0.30 = 1.75; the platform's fee 2.5 % + 0.30 = 1.55 (fixture).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProviderReconciliationTests(PlatformFixture fixture)
{
    private const string Path = ProviderReconciliationEndpoints.Path;

    [Fact]
    public async Task SaleAndPartialRefund_Synced_CleanFeesNetAndPayoutExact_ResyncAddsNothing_JournalBalanced()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var account = await s.ConnectAsync();
        var finance = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "finance"));
        var (order, intent) = await PaidAsync(s, 2);
        (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new
        {
            lines = new[] { new { lineId = order.Lines[0].Id, quantity = 1 } }, reason = "Illness",
        })).EnsureSuccessStatusCode();
        var payout = fixture.Stripe.PayOut(StripeStandIn.PlatformKey, account, "eur");

        var report = await SyncAsync(finance);

        Assert.Equal(2247, payout.Amount); // 50.00 − 1.75 − 1.55, then −25.00 + 0.77 of the platform's fee returned
        Assert.Equal("stripe", report.Ledger);
        Assert.Empty(report.Mismatches);
        Assert.Equal(0, report.PendingSync);
        var day = Assert.Single(report.Days);
        Assert.Equal(("EUR", 1, 5000L, 1, 2500L, 1, 5000L, 1, 2500L), (day.Currency, day.Payments, day.Paid, day.Refunds, day.Refunded,
            day.ProviderCharges, day.ProviderCharged, day.ProviderRefunds, day.ProviderRefunded));
        Assert.Equal((175L, 78L, 2247L, 2247L), (day.StripeFees, day.ApplicationFees, day.Net, day.Payouts));
        Assert.Equal([new ProviderTotalsRow("EUR", 2500, 175, 78, 2247, 2247)], report.Totals);
        Assert.Equal((account, (string?)null), (report.Sync!.Account, report.Sync.LastError));
        var charge = $"txn_{fixture.Stripe.Intents[intent].ChargeId[3..]}";
        Assert.Equal((payout.Id, 3L), (await s.ScalarAsync<string>($"SELECT payout_id FROM stripe_balance_transactions WHERE tenant_id = @t AND id = '{charge}'"),
            await s.ScalarAsync<long>("SELECT count(*) FROM stripe_balance_transactions WHERE tenant_id = @t")));
        Assert.Equal(2L, await s.ScalarAsync<long>("SELECT count(*) FROM stripe_balance_transactions WHERE tenant_id = @t AND payment_id IS NOT NULL"));

        // Again: nothing new, and only the recent past is asked for (created[gte]: the newest seen minus the overlap).
        var again = await SyncAsync(finance);
        Assert.Equal(3L, await s.ScalarAsync<long>("SELECT count(*) FROM stripe_balance_transactions WHERE tenant_id = @t"));
        Assert.Equal(report.Totals, again.Totals);
        Assert.Empty(again.Mismatches);
        Assert.Contains("created[gte]", fixture.Stripe.RequestsFor("/v1/balance_transactions").Last(r => r.Account == account && !r.Form.ContainsKey("payout")).Form.Keys);

        // The journal: Stripe's fee, the platform's fee (less its refunded part) and the payout, each against the Stripe
        // clearing account, which comes to zero; debits equal credits.
        var rows = await JournalAsync(finance);
        Assert.Equal(Sum(rows, 2), Sum(rows, 3));
        Assert.Equal(1.75m, Sum(rows.Where(r => r[1] == "4970"), 2) - Sum(rows.Where(r => r[1] == "4970"), 3));
        Assert.Equal(0.78m, Sum(rows.Where(r => r[1] == "4971"), 2) - Sum(rows.Where(r => r[1] == "4971"), 3));
        Assert.Equal(22.47m, Sum(rows.Where(r => r[1] == "1200"), 2));
        Assert.Equal(0m, Sum(rows.Where(r => r[1] == "1362"), 2) - Sum(rows.Where(r => r[1] == "1362"), 3));
        Assert.All(rows, r => Assert.True((decimal.Parse(r[2], CultureInfo.InvariantCulture) == 0) != (decimal.Parse(r[3], CultureInfo.InvariantCulture) == 0)));

        // The new posting keys are mapped like the others.
        (await finance.PutAsJsonAsync("/api/v1/finance/chart-of-accounts", new Dictionary<string, object>
        {
            ["accounts"] = new Dictionary<string, string> { ["bank"] = "1210", ["provider_fees"] = "6855" },
        })).EnsureSuccessStatusCode();
        var mapped = await JournalAsync(finance);
        Assert.Equal((22.47m, 1.75m), (Sum(mapped.Where(r => r[1] == "1210"), 2), Sum(mapped.Where(r => r[1] == "6855"), 2)));
    }

    [Fact]
    public async Task Mismatches_MissingHereMissingAtProviderAmountAndCurrencyDiffer_ListedWithIds()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var account = await s.ConnectAsync();
        var finance = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "owner"));
        var (clean, _) = await PaidAsync(s, 1);
        var (lessCharged, lessIntent) = await PaidAsync(s, 2);
        fixture.Stripe.Intents[lessIntent].ChargedAmount = 4000;
        var (otherCurrency, otherIntent) = await PaidAsync(s, 1);
        fixture.Stripe.Intents[otherIntent].ChargedCurrency = "usd";
        var (unknownThere, unknownIntent) = await PaidAsync(s, 1);
        Assert.True(fixture.Stripe.Intents.TryRemove(unknownIntent, out _));
        // 101 payments made in Stripe directly: more than one page of Stripe's list (100).
        var outside = Enumerable.Range(0, 101).Select(i => fixture.Stripe.ChargeOutsidePlatform(StripeStandIn.PlatformKey, account, 1000 + i, "eur").Id).ToHashSet();

        var report = await SyncAsync(finance);

        var byProblem = report.Mismatches.ToLookup(m => m.Problem);
        var less = Assert.Single(byProblem["amount_differs"]);
        Assert.Equal((lessCharged.Id, "payment", lessIntent, 5000L, 4000L, "EUR"), (less.OrderId, less.Kind, less.Reference, less.Amount, less.ProviderAmount,
            less.ProviderCurrency));
        Assert.NotNull(less.PaymentId);
        Assert.StartsWith("txn_", less.BalanceTransactionId, StringComparison.Ordinal);
        var currency = Assert.Single(byProblem["currency_differs"]);
        Assert.Equal((otherCurrency.Id, "EUR", "USD"), (currency.OrderId, currency.Currency, currency.ProviderCurrency));
        var missing = Assert.Single(byProblem["missing_at_provider"]);
        Assert.Equal((unknownThere.Id, unknownIntent, (string?)null), (missing.OrderId, missing.Reference, missing.BalanceTransactionId));
        Assert.Equal(outside, byProblem["missing_here"].Select(m => m.Reference!).ToHashSet());
        Assert.All(byProblem["missing_here"], m => Assert.Equal(((Guid?)null, "payment"), (m.PaymentId, m.Kind)));
        Assert.DoesNotContain(report.Mismatches, m => m.OrderId == clean.Id);
        Assert.Equal(104, report.Mismatches.Count);
        Assert.Equal(104L, await s.ScalarAsync<long>("SELECT count(*) FROM stripe_balance_transactions WHERE tenant_id = @t"));

        await SyncAsync(finance);
        Assert.Equal(104L, await s.ScalarAsync<long>("SELECT count(*) FROM stripe_balance_transactions WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task IsolationRolesAndSandbox_OtherTenantSeesNothing_AnalystAndBoxOfficeRefused_NoLedgerSaidPlainly()
    {
        var a = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await a.ConnectAsync();
        await PaidAsync(a, 2);
        var financeA = fixture.CreateClient(TestCaller.TenantMember(a.Events.Tenant.Id, "finance"));
        var synced = await SyncAsync(financeA);
        Assert.Equal(5000L, Assert.Single(synced.Totals).Gross);

        // Tenant B takes sandbox payments only: no provider ledger, and none of A's rows.
        var b = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        (await b.PayAsync(await b.PlaceAsync(1))).EnsureSuccessStatusCode();
        var financeB = fixture.CreateClient(TestCaller.TenantMember(b.Events.Tenant.Id, "finance"));
        var none = await (await financeB.GetAsync(Path)).ReadAsync<ProviderReconciliationResponse>();
        Assert.Equal(("none", (ProviderSyncResponse?)null), (none.Ledger, none.Sync));
        Assert.Empty(none.Days);
        Assert.Empty(none.Totals);
        Assert.Empty(none.Mismatches);
        Assert.Equal("stripe_not_configured", (await (await financeB.PostAsync(Path + "/sync", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());

        // B connecting its own Stripe account and syncing still sees only its own (empty) ledger.
        await b.ConnectAsync();
        var own = await SyncAsync(financeB);
        Assert.Equal("stripe", own.Ledger);
        Assert.Empty(own.Totals);
        Assert.Empty(own.Mismatches);

        // Owners and finance read and sync; analysts and box office neither.
        (await a.Owner.GetAsync(Path)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Accepted, (await a.Owner.PostAsync(Path + "/sync", null)).StatusCode);
        foreach (var role in new[] { "analyst", "box_office" })
        {
            var client = fixture.CreateClient(TestCaller.TenantMember(a.Events.Tenant.Id, role));
            await (await client.GetAsync(Path)).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync(Path + "/sync", null)).ProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await financeA.GetAsync(Path + "?from=2026-12-10&to=2026-12-01")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<(OrderResponse Order, string Intent)> PaidAsync(CheckoutScenario s, int quantity)
    {
        var order = await s.PlaceAsync(quantity);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        Assert.Equal("paid", (await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId))).Outcome);
        return (await s.StaffOrderAsync(order.Id), session.PaymentIntentId);
    }

    /// <summary>"Sync now", then the report once the background job has finished (its attempt time moves).</summary>
    private static async Task<ProviderReconciliationResponse> SyncAsync(HttpClient finance)
    {
        var before = (await (await finance.GetAsync(Path)).ReadAsync<ProviderReconciliationResponse>()).Sync?.LastAttemptAt;
        var started = await finance.PostAsync(Path + "/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.False(string.IsNullOrEmpty((await started.ReadAsync<ProviderSyncStartedResponse>()).JobId));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var report = await (await finance.GetAsync(Path)).ReadAsync<ProviderReconciliationResponse>();
            if (report.Sync?.LastAttemptAt is { } at && at != before)
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, "The sync job did not run within 90 s.");
            await Task.Delay(250);
        }
    }

    private static async Task<List<string[]>> JournalAsync(HttpClient finance)
    {
        var csv = (await (await finance.GetAsync("/api/v1/finance/journal/export")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        return [.. csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))];
    }

    private static decimal Sum(IEnumerable<string[]> lines, int column) => lines.Sum(l => decimal.Parse(l[column], CultureInfo.InvariantCulture));
}
