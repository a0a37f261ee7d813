using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Payments;
using Platform.Payments.Stripe;

namespace Platform.IntegrationTests.Payments.Stripe;

[Collection(PlatformCollection.Name)]
public sealed class StripePaymentTests(PlatformFixture fixture)
{
    [Fact]
    public async Task PayOrder_StripeConnect_ClientSecretAndPendingAndStripeGotTheRightRequest()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var account = await s.ConnectAsync();
        var order = await s.PlaceAsync(2);

        var started = await s.PayStripeAsync(order);
        var session = await started.ReadAsync<Platform.Payments.PaymentSessionResponse>();
        var again = await s.StartStripeAsync(order);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(("stripe", true, OrderState.PendingPayment), (session.Provider, session.TestMode, session.Order.State));
        Assert.StartsWith(session.PaymentIntentId + "_secret_", session.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(["card", "alipay", "wechat_pay"], session.PaymentMethodTypes);
        Assert.Equal(session.PaymentIntentId, again.PaymentIntentId);
        // What the buyer's Stripe.js needs: Stripe(publishableKey, { stripeAccount }) then the client secret.
        Assert.Equal((StripeStandIn.PlatformPublishableKey, account), (session.PublishableKey, session.StripeAccount));
        Assert.Equal((StripeStandIn.PlatformPublishableKey, account), (again.PublishableKey, again.StripeAccount));
        var create = Assert.Single(fixture.Stripe.RequestsFor("/v1/payment_intents"), r => r.Form.GetValueOrDefault("metadata[order_id]") == order.Id.ToString());
        Assert.Equal(("5000", "eur", "155", account, $"pi-{order.Id:N}", StripeStandIn.PlatformKey),
            (create.Form["amount"], create.Form["currency"], create.Form["application_fee_amount"], create.Account, create.IdempotencyKey, create.ApiKey));
        Assert.Equal(s.Events.Tenant.Id.ToString(), create.Form["metadata[tenant_id]"]);
        Assert.Equal("card", create.Form["allowed_payment_method_types[0]"]);
        var counter = await s.SettledCounterAsync();
        Assert.Equal((2, 0), (counter.Held, counter.Sold));
        Assert.Empty((await s.StaffOrderAsync(order.Id)).Payments);
    }

    [Fact]
    public async Task PayOrder_SandboxOnALiveModeTenant_422TestModePaymentRefusedNothingSold()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(2);
        var testModeAccepted = await s.PlaceAsync(1);
        (await s.PayAsync(testModeAccepted)).EnsureSuccessStatusCode();
        // The account goes live, as on a deployment that allows live keys (the tests' deployment does not: see
        // SetStripeAccount_BadInput_422NamingTheField); from now on a sandbox "payment" would hand out free tickets.
        await s.ScalarAsync<int>("UPDATE stripe_accounts SET live_mode = true WHERE tenant_id = @t RETURNING 1");

        var sandbox = await s.PayAsync(order);

        var problem = await sandbox.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("test_mode_payment_refused", problem.Code());
        Assert.Contains("method", problem.ErrorFields());
        Assert.Equal(OrderState.PendingPayment, (await s.StaffOrderAsync(order.Id)).State);
        Assert.Equal(1, (await s.SettledCounterAsync()).Sold);
    }

    [Fact]
    public async Task PayOrder_StripeWithoutAccount_422StripeNotConfigured()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var order = await s.PlaceAsync(1);

        var response = await s.PayStripeAsync(order);

        Assert.Equal("stripe_not_configured", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        Assert.Equal(OrderState.PendingPayment, (await s.StaffOrderAsync(order.Id)).State);
    }

    [Fact]
    public async Task Webhook_SucceededSigned_OrderPaidOnceHoldConvertedOutboxWritten()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(2);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        var succeeded = fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId);

        var first = await fixture.DeliverOkAsync(succeeded);
        var replay = await fixture.DeliverOkAsync(succeeded);
        var redelivered = await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));

        Assert.Equal(("paid", "duplicate", "already_paid"), (first.Outcome, replay.Outcome, redelivered.Outcome));
        var paid = await s.StaffOrderAsync(order.Id);
        Assert.Equal(OrderState.Paid, paid.State);
        var payment = Assert.Single(paid.Payments);
        Assert.Equal(("stripe", "payment", "succeeded", 5000L, session.PaymentIntentId, true),
            (payment.Provider, payment.Kind, payment.Status, payment.Amount, payment.Reference, payment.TestMode));
        var counter = await s.SettledCounterAsync();
        Assert.Equal((0, 2), (counter.Held, counter.Sold));
        Assert.Equal("converted", await s.ScalarAsync<string>($"SELECT state FROM holds WHERE tenant_id = @t AND id = '{order.HoldId}'"));
        Assert.Equal(1L, await s.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox_messages WHERE tenant_id = @t AND type = 'order.paid' AND payload::jsonb ->> 'orderId' = '{order.Id}'"));
    }

    [Fact]
    public async Task Webhook_ConcurrentDuplicates_OnePayment()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        var succeeded = fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => fixture.DeliverAsync(succeeded)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1L, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t AND status = 'succeeded'"));
        Assert.Equal(1, (await s.SettledCounterAsync()).Sold);
    }

    [Fact]
    public async Task Webhook_TamperedStaleOrMissingSignature_400NothingChanged()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        var payload = fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId);
        var signature = StripeStandIn.Sign(payload, StripeStandIn.PlatformWebhookSecret);

        var tampered = await fixture.DeliverAsync(payload.Replace("\"amount\":2500", "\"amount\":1", StringComparison.Ordinal), signature: signature);
        var wrongSecret = await fixture.DeliverAsync(payload, secret: "whsec_someoneElsesSecret000");
        var stale = await fixture.DeliverAsync(payload, signedAt: DateTimeOffset.UtcNow.AddSeconds(-301));
        var missing = await fixture.DeliverAsync(payload, signature: "");
        var notJson = await fixture.DeliverAsync("{\"x\":");

        Assert.Equal("signature_invalid", (await tampered.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("signature_invalid", (await wrongSecret.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("signature_invalid", (await stale.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("signature_missing", (await missing.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("invalid_payload", (await notJson.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal(OrderState.PendingPayment, (await s.StaffOrderAsync(order.Id)).State);
        Assert.Equal(0, (await s.SettledCounterAsync()).Sold);
        Assert.Equal("paid", (await fixture.DeliverOkAsync(payload)).Outcome);
    }

    [Fact]
    public async Task Webhook_WrongAccountOrMode_400NothingChanged()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);

        var otherAccount = await fixture.DeliverAsync(
            fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId, account: StripeFlow.NewAccountId()));
        var noAccount = await fixture.DeliverAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId, account: null));
        var live = await fixture.DeliverAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId, liveMode: true));

        Assert.Equal("account_mismatch", (await otherAccount.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("account_mismatch", (await noAccount.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("mode_mismatch", (await live.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal(OrderState.PendingPayment, (await s.StaffOrderAsync(order.Id)).State);
        Assert.Equal(0L, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task Webhook_AnotherTenantsMetadata_400()
    {
        var a = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await a.ConnectAsync();
        var order = await a.PlaceAsync(1);
        var session = await a.StartStripeAsync(order);
        var intent = fixture.Stripe.Intents[session.PaymentIntentId];
        intent.Metadata["tenant_id"] = Guid.NewGuid().ToString();
        fixture.Stripe.Succeed(session.PaymentIntentId);

        var response = await fixture.DeliverAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));

        Assert.Equal("account_mismatch", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal(OrderState.PendingPayment, (await a.StaffOrderAsync(order.Id)).State);
    }

    [Fact]
    public async Task Webhook_UnknownIntent_VerifiedThenIgnored()
    {
        var payload = StripeStandIn.EventJson("payment_intent.succeeded",
            new System.Text.Json.Nodes.JsonObject { ["id"] = "pi_notours", ["object"] = "payment_intent", ["amount"] = 100 }, StripeFlow.NewAccountId());

        Assert.Equal("ignored", (await fixture.DeliverOkAsync(payload)).Outcome);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.DeliverAsync(payload, secret: "whsec_forged0000000000")).StatusCode);
    }

    [Fact]
    public async Task Webhook_PaymentFailed_AttemptRecordedOrderStillPayable()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);
        var session = await s.StartStripeAsync(order);
        var failed = fixture.Stripe.IntentEvent("payment_intent.payment_failed", session.PaymentIntentId, declineCode: "insufficient_funds");

        Assert.Equal("failed_recorded", (await fixture.DeliverOkAsync(failed)).Outcome);
        Assert.Equal("duplicate", (await fixture.DeliverOkAsync(failed)).Outcome);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        Assert.Equal("paid", (await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId))).Outcome);

        var paid = await s.StaffOrderAsync(order.Id);
        Assert.Equal(OrderState.Paid, paid.State);
        Assert.Equal([("failed", "insufficient_funds"), ("succeeded", null)], paid.Payments.Select(p => (p.Status, p.Reason)));
    }

    [Fact]
    public async Task Webhook_SucceededAfterHoldExpired_RefundedAutomaticallyNothingSold()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var account = await s.ConnectAsync();
        var order = await s.PlaceAsync(2);
        var session = await s.StartStripeAsync(order);
        await s.ExpireAsync(order.HoldId);
        fixture.Stripe.Succeed(session.PaymentIntentId);

        var outcome = await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));
        var redelivered = await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));
        var refundReport = await fixture.DeliverOkAsync(fixture.Stripe.ChargeRefundedEvent(session.PaymentIntentId));

        Assert.Equal(("refunded_automatically", "refund_recorded", "refund_recorded"), (outcome.Outcome, redelivered.Outcome, refundReport.Outcome));
        var expired = await s.StaffOrderAsync(order.Id);
        Assert.Equal(OrderState.Expired, expired.State);
        Assert.Equal([("payment", 5000L), ("refund", 5000L)], expired.Payments.Select(p => (p.Kind, p.Amount)));
        Assert.Equal(StripeCheckout.UnpaidRefundReason, expired.Payments[1].Reason);
        var refund = Assert.Single(fixture.Stripe.RequestsFor("/v1/refunds"), r => r.Form["payment_intent"] == session.PaymentIntentId);
        Assert.Equal(("5000", account, "true"), (refund.Form["amount"], refund.Account, refund.Form["refund_application_fee"]));
        Assert.Equal(5000L, fixture.Stripe.Intents[session.PaymentIntentId].Refunded);
        var counter = await s.SettledCounterAsync();
        Assert.Equal((0, 0), (counter.Held, counter.Sold));
        Assert.Equal(1L, await s.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox_messages WHERE tenant_id = @t AND type = 'order.payment_refunded' AND payload::jsonb ->> 'orderId' = '{order.Id}'"));
        Assert.Equal(1L, await s.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox_messages WHERE tenant_id = @t AND type = 'order.expired' AND payload::jsonb ->> 'orderId' = '{order.Id}'"));
        var reconciliation = await (await s.Owner.GetAsync("/api/v1/reports/reconciliation")).ReadAsync<ReconciliationResponse>();
        Assert.Empty(reconciliation.PaymentMismatches);
    }

    [Fact]
    public async Task Webhook_RefundBeforeSuccess_ConvergesToTheInOrderResult()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(2);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        var succeeded = fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId);
        var refund = fixture.Stripe.RefundInDashboard(session.PaymentIntentId, 5000);

        var refundedFirst = await fixture.DeliverOkAsync(fixture.Stripe.ChargeRefundedEvent(session.PaymentIntentId));
        var successLater = await fixture.DeliverOkAsync(succeeded);

        Assert.Equal(("refund_recorded", "already_paid"), (refundedFirst.Outcome, successLater.Outcome));
        var final = await s.StaffOrderAsync(order.Id);
        Assert.Equal((OrderState.Refunded, 5000L, 2), (final.State, final.RefundedAmount, final.Lines[0].RefundedQuantity));
        Assert.Equal([("payment", "succeeded", 5000L), ("refund", "succeeded", 5000L)], final.Payments.Select(p => (p.Kind, p.Status, p.Amount)));
        Assert.Equal(refund["id"]!.GetValue<string>(), final.Payments[1].Reference);
        var counter = await s.SettledCounterAsync();
        Assert.Equal((0, 0), (counter.Held, counter.Sold));
    }

    [Fact]
    public async Task Webhook_PartialRefundInDashboard_MoneyRecordedTicketsKept()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(3);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));
        fixture.Stripe.RefundInDashboard(session.PaymentIntentId, 1000);
        var refunded = fixture.Stripe.ChargeRefundedEvent(session.PaymentIntentId);

        var first = await fixture.DeliverOkAsync(refunded);
        var again = await fixture.DeliverOkAsync(fixture.Stripe.ChargeRefundedEvent(session.PaymentIntentId));

        Assert.Equal(("refund_recorded", "in_sync"), (first.Outcome, again.Outcome));
        var partial = await s.StaffOrderAsync(order.Id);
        Assert.Equal((OrderState.PartiallyRefunded, 1000L, 0), (partial.State, partial.RefundedAmount, partial.Lines[0].RefundedQuantity));
        Assert.Equal(3, (await s.SettledCounterAsync()).Sold);
    }

    [Fact]
    public async Task PayOrder_StripeAlreadySucceededWithoutWebhook_CompletedFromStripesAnswer()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);

        var paid = await (await s.PayStripeAsync(order)).ReadAsync<OrderResponse>();
        var webhook = await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));

        Assert.Equal(OrderState.Paid, paid.State);
        Assert.Equal("already_paid", webhook.Outcome);
        Assert.Single(paid.Payments);
        Assert.Equal(1, (await s.SettledCounterAsync()).Sold);
    }

    [Fact]
    public async Task RefundOrder_Stripe_PerTicketThenFullWithReasons_StripeRefundedAndStockBack()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var account = await s.ConnectAsync();
        var order = await s.PlaceAsync(3);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));
        var lineId = order.Lines[0].Id;

        var partial = await (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds",
            new { reason = "cannot attend", lines = new[] { new { lineId, quantity = 1 } } })).ReadAsync<OrderResponse>();
        var report = await fixture.DeliverOkAsync(fixture.Stripe.ChargeRefundedEvent(session.PaymentIntentId));
        var full = await (await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "Duplicate booking" }))
            .ReadAsync<OrderResponse>();

        Assert.Equal((OrderState.PartiallyRefunded, 2500L), (partial.State, partial.RefundedAmount));
        Assert.Equal("in_sync", report.Outcome);
        Assert.Equal((OrderState.Refunded, 7500L), (full.State, full.RefundedAmount));
        Assert.Equal([("cannot attend", 2500L), ("Duplicate booking", 5000L)],
            full.Payments.Where(p => p.Kind == "refund").Select(p => (p.Reason, p.Amount)));
        var refunds = fixture.Stripe.RequestsFor("/v1/refunds").Where(r => r.Form["payment_intent"] == session.PaymentIntentId).ToList();
        Assert.Equal([("2500", "requested_by_customer", "cannot attend"), ("5000", "duplicate", "Duplicate booking")],
            refunds.Select(r => (r.Form["amount"], r.Form["reason"], r.Form["metadata[reason]"])));
        Assert.All(refunds, r => Assert.Equal((account, order.Id.ToString()), (r.Account, r.Form["metadata[order_id]"])));
        Assert.Equal(2, refunds.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Equal(full.Payments.Where(p => p.Kind == "refund").Select(p => p.Reference),
            fixture.Stripe.Intents[session.PaymentIntentId].Refunds.Select(r => r["id"]!.GetValue<string>()));
        Assert.Equal(0, (await s.SettledCounterAsync()).Sold);
    }

    [Fact]
    public async Task RefundOrder_StripeRefuses_502NothingRecorded()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);
        var session = await s.StartStripeAsync(order);
        fixture.Stripe.Intents[session.PaymentIntentId].Status = "succeeded";
        await fixture.DeliverOkAsync(fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId));
        fixture.Stripe.RefundInDashboard(session.PaymentIntentId, 2500);

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "changed plans" });

        Assert.Equal("refund_failed", (await response.ProblemAsync(HttpStatusCode.BadGateway)).Code());
        var unchanged = await s.StaffOrderAsync(order.Id);
        Assert.Equal((OrderState.Paid, 0L), (unchanged.State, unchanged.RefundedAmount));
        Assert.Equal(1, (await s.SettledCounterAsync()).Sold);
    }

    [Fact]
    public async Task PayOrder_StripeOwnKeys_TenantKeyNoFeeAndTenantWebhookSecret()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var (key, secret) = await s.UseOwnKeysAsync(fixture);
        var order = await s.PlaceAsync(1);
        var session = await s.StartStripeAsync(order);
        Assert.Equal((StripeFlow.OwnPublishableKey(key), null), (session.PublishableKey, session.StripeAccount));
        fixture.Stripe.Succeed(session.PaymentIntentId);
        var payload = fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId);

        var platformSigned = await fixture.DeliverAsync(payload);
        var tenantSigned = await fixture.DeliverOkAsync(payload, secret);

        var create = Assert.Single(fixture.Stripe.RequestsFor("/v1/payment_intents"), r => r.Form.GetValueOrDefault("metadata[order_id]") == order.Id.ToString());
        Assert.Equal((key, null, false), (create.ApiKey, create.Account, create.Form.ContainsKey("application_fee_amount")));
        Assert.Equal("signature_invalid", (await platformSigned.ProblemAsync(HttpStatusCode.BadRequest)).Code());
        Assert.Equal("paid", tenantSigned.Outcome);
        Assert.Equal(OrderState.Paid, (await s.StaffOrderAsync(order.Id)).State);
    }

    [Fact]
    public async Task PayOrder_StripeOtherTenantsOrder_404()
    {
        var a = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        var b = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await a.ConnectAsync();
        await b.ConnectAsync();
        var order = await a.PlaceAsync(1);

        var staff = await b.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments", new { method = "stripe" });
        var viaOtherSlug = await b.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{b.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { method = "stripe" }), Headers = { { OrderTokens.Header, order.OrderToken } },
        });
        var refund = await b.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/refunds", new { reason = "not mine" });

        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaOtherSlug.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refund.StatusCode);
        Assert.DoesNotContain(fixture.Stripe.RequestsFor("/v1/payment_intents"), r => r.Form.GetValueOrDefault("metadata[order_id]") == order.Id.ToString());
    }

    [Fact]
    public async Task PayOrder_StripeBadInput_422()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);

        var response = await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments", new { method = new string('s', 31) });
        var unknown = await s.Owner.PostAsJsonAsync($"/api/v1/orders/{order.Id}/payments", new { method = "strip" });

        Assert.Contains("method", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Contains("method", (await unknown.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }
}
