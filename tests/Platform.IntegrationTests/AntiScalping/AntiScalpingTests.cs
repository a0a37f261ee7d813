using System.Net;
using System.Net.Http.Json;
using Platform.AntiScalping;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.AntiScalping;

[Collection(PlatformCollection.Name)]
public sealed class AntiScalpingTests(PlatformFixture fixture)
{
    /// <summary>A bot farm: 20 buyers on one /24, e-mails scalper1@ … scalper20@, each taking the most one order may.</summary>
    private static async Task<List<HttpResponseMessage>> ScalperAsync(RiskScenario s, string domain = "farm.example")
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 1; i <= 20; i++)
        {
            responses.Add(await s.BuyAsync($"scalper{i}@{domain}", $"203.0.113.{i + 10}", quantity: 6, phone: $"+1 555 0100 {i:00}"));
        }

        return responses;
    }

    [Fact]
    public async Task ScriptedScalper_TwentyOrdersFromOneSubnetWithSequentialEmails_HeldForReview_NormalBuyerIsNot()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("review")).EnsureSuccessStatusCode();
        var normal = await s.PlaceAsync("ada.lovelace@example.org", "198.51.100.7", quantity: 2, phone: "+44 20 7946 0000");

        var scalper = await ScalperAsync(s);

        var placed = new List<OrderResponse>();
        foreach (var response in scalper)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            placed.Add(await response.ReadAsync<OrderResponse>());
        }

        var queue = await s.QueueAsync();
        var held = placed.Count(o => queue.Any(q => q.OrderId == o.Id));
        // The first orders of a farm look like anyone's; from the third or so the /24, the sequence and the maximum
        // quantities add up. At least 15 of 20 held; the normal buyer never.
        Assert.True(held >= 15, $"only {held} of 20 scalper orders were held for review");
        Assert.DoesNotContain(queue, q => q.OrderId == normal.Id);
        Assert.Equal(RiskDecisions.Allow, await s.DecisionAsync(normal.Id));
        var last = queue.Single(q => q.OrderId == placed[^1].Id);
        Assert.Contains("sequential_identity", last.Reasons);
        Assert.Contains("subnet_velocity", last.Reasons);
        Assert.Equal(19f, last.Features.SequentialSiblings);
        Assert.Equal("scalper20@farm.example", last.BuyerEmail);
        // The shipped model: the farm's last order above the default threshold, the normal buyer below it.
        Assert.True(last.Score >= RiskSettingsDefaults.Threshold, $"scalper scored {last.Score}");
        var normalScore = await s.Checkout.ScalarAsync<float>($"SELECT score FROM order_risks WHERE tenant_id = @t AND order_id = '{normal.Id}'");
        Assert.True(normalScore < RiskSettingsDefaults.Threshold, $"normal buyer scored {normalScore}");
    }

    [Fact]
    public async Task ReviewQueue_OfAnotherTenant_IsInvisibleAndItsOrdersUnknown()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("review")).EnsureSuccessStatusCode();
        await ScalperAsync(s);
        var mine = await s.QueueAsync();
        Assert.NotEmpty(mine);
        var other = await RiskScenario.CreateAsync(fixture);

        Assert.Empty(await other.QueueAsync());
        var approve = await other.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{mine[0].OrderId}/approve", new { });
        await approve.ProblemAsync(HttpStatusCode.NotFound);
        var reject = await other.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{mine[0].OrderId}/reject", new { note = "not yours" });
        await reject.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(ReviewStates.Pending, (await s.QueueAsync()).Single(q => q.OrderId == mine[0].OrderId).Review);
    }

    [Fact]
    public async Task Approve_PaidOrderHeldForReview_IssuesItsTickets()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("review", threshold: 0f)).EnsureSuccessStatusCode();
        var order = await s.PlaceAsync("grace@example.org", "198.51.100.20", quantity: 3);
        (await s.Checkout.PayAsync(order)).EnsureSuccessStatusCode();
        Assert.Equal(0L, await s.TicketsAsync(order.Id));

        var approved = await (await s.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{order.Id}/approve", new { note = "known fan" }))
            .ReadAsync<OrderReviewResponse>();

        Assert.Equal((ReviewStates.Approved, "known fan", OrderState.Paid), (approved.Review, approved.ReviewNote, approved.OrderState));
        Assert.Equal(3L, await s.TicketsAsync(order.Id));
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'anti_scalping.order_approved' AND entity_id = '{order.Id}'"));
        var again = await s.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{order.Id}/approve", new { });
        Assert.Equal("review_not_pending", (await again.ProblemAsync(HttpStatusCode.Conflict)).Code());
        Assert.Equal(3L, await s.TicketsAsync(order.Id));
    }

    [Fact]
    public async Task Approve_BeforePayment_TicketsIssuedWhenPaid()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("review", threshold: 0f)).EnsureSuccessStatusCode();
        var order = await s.PlaceAsync("hedy@example.org", "198.51.100.21", quantity: 2);

        (await s.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{order.Id}/approve", new { })).EnsureSuccessStatusCode();
        (await s.Checkout.PayAsync(order)).EnsureSuccessStatusCode();

        Assert.Equal(2L, await s.TicketsAsync(order.Id));
    }

    [Fact]
    public async Task Reject_PaidOrder_RefundsInFullAndIssuesNoTickets()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("review", threshold: 0f)).EnsureSuccessStatusCode();
        var order = await s.PlaceAsync("mallory1@example.org", "198.51.100.22", quantity: 2);
        (await s.Checkout.PayAsync(order)).EnsureSuccessStatusCode();

        var rejected = await (await s.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{order.Id}/reject", new { note = "bot farm" }))
            .ReadAsync<OrderReviewResponse>();

        Assert.Equal((ReviewStates.Rejected, OrderState.Refunded), (rejected.Review, rejected.OrderState));
        var detail = await (await s.Owner.GetAsync($"/api/v1/orders/{order.Id}")).ReadAsync<OrderResponse>();
        Assert.Equal((OrderState.Refunded, order.Total), (detail.State, detail.RefundedAmount));
        Assert.Contains(detail.Payments, p => p.Kind == "refund" && p.Amount == order.Total);
        Assert.Equal(0L, await s.TicketsAsync(order.Id));
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action = 'anti_scalping.order_rejected' AND entity_id = '{order.Id}'"));
    }

    [Fact]
    public async Task Reject_UnpaidOrder_CancelsItAndPaymentIsRefused()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("review", threshold: 0f)).EnsureSuccessStatusCode();
        var order = await s.PlaceAsync("mallory2@example.org", "198.51.100.23");

        var rejected = await (await s.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{order.Id}/reject", new { }))
            .ReadAsync<OrderReviewResponse>();

        Assert.Equal(OrderState.Cancelled, rejected.OrderState);
        Assert.Equal(HttpStatusCode.Conflict, (await s.Checkout.PayAsync(order)).StatusCode);
        Assert.Equal(0L, await s.TicketsAsync(order.Id));
    }

    [Fact]
    public async Task BlockPolicy_DisposableEmail_RefusedAndNothingStored()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("flag", threshold: 1f, blockDisposable: true)).EnsureSuccessStatusCode();

        var blocked = await s.BuyAsync("someone@mailinator.com", "198.51.100.30");
        var fine = await s.BuyAsync("someone@example.org", "198.51.100.31");

        Assert.Equal("order_blocked", (await blocked.ProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task Settings_BadInputAndWrongRoles_AnswerProblems()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Checkout.Events.Tenant.Id, "box_office"));

        Assert.Contains("action", (await (await s.SettingsAsync("maybe")).ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("threshold", (await (await s.SettingsAsync("block", threshold: 2f)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var noThreshold = await s.Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action = "review" });
        Assert.Contains("threshold", (await noThreshold.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("status", (await (await s.Owner.GetAsync("/api/v1/anti-scalping/reviews?status=maybe")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        await (await s.Owner.GetAsync("/api/v1/anti-scalping/reviews?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await s.Owner.GetAsync("/api/v1/anti-scalping/reviews?cursor=%%%")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await s.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{Guid.NewGuid()}/approve", new { })).ProblemAsync(HttpStatusCode.NotFound);
        var longNote = await s.Owner.PostAsJsonAsync($"/api/v1/anti-scalping/reviews/{Guid.NewGuid()}/reject", new { note = new string('x', 501) });
        await longNote.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await boxOffice.GetAsync("/api/v1/anti-scalping/reviews")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boxOffice.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action = "off", threshold = 0.5 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.CreateClient().GetAsync("/api/v1/anti-scalping/settings")).ProblemAsync(HttpStatusCode.Unauthorized);
        var unchanged = await (await s.Owner.GetAsync("/api/v1/anti-scalping/settings")).ReadAsync<RiskSettingsResponse>();
        Assert.Equal((RiskSettingsDefaults.Action, RiskSettingsDefaults.Threshold, (DateTimeOffset?)null), (unchanged.Action, unchanged.Threshold, unchanged.UpdatedAt));
    }
}
