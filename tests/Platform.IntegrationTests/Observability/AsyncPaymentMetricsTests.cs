using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Payments.Stripe;
using Platform.Observability;

namespace Platform.IntegrationTests.Observability;

/// <summary>
/// Issue 17: a Stripe payment answers 202 and settles by webhook later. The request is counted as <c>pending</c>, the
/// event's outcome once in <c>platform_payment_async_outcomes_total</c> (a redelivered event adds nothing), and a
/// failure as a provider error with Stripe's decline code, so the payment-success alert and the live figures see them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AsyncPaymentMetricsTests(PlatformFixture fixture)
{
    private const string DeclineCode = "do_not_honor";

    [Fact]
    public async Task StripePayment_PendingRequest_ThenFailedAndPaidEventsCountedOnce()
    {
        using var scraper = fixture.CreateClient();
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 4);
        await s.ConnectAsync();
        var order = await s.PlaceAsync(1);
        var before = await Scrape.TextAsync(scraper);

        var session = await s.StartStripeAsync(order);
        var failed = fixture.Stripe.IntentEvent("payment_intent.payment_failed", session.PaymentIntentId, declineCode: DeclineCode);
        await fixture.DeliverOkAsync(failed);
        await fixture.DeliverOkAsync(failed);
        fixture.Stripe.Succeed(session.PaymentIntentId);
        var succeeded = fixture.Stripe.IntentEvent("payment_intent.succeeded", session.PaymentIntentId);
        await fixture.DeliverOkAsync(succeeded);
        await fixture.DeliverOkAsync(succeeded);

        var after = await MetricsEndpointTests.EventuallyAsync(scraper, text => Async(before, text, "paid") >= 1);
        (string, string)[] pending = [("step", "payment"), ("outcome", "pending"), ("channel", "web")];
        (string, string)[] success = [("step", "payment"), ("outcome", "success"), ("channel", "web")];
        Assert.Equal(1, Scrape.Sum(after, "platform_checkout_requests_total", pending) - Scrape.Sum(before, "platform_checkout_requests_total", pending));
        Assert.Equal(0, Scrape.Sum(after, "platform_checkout_requests_total", success) - Scrape.Sum(before, "platform_checkout_requests_total", success));
        Assert.Equal(1, Async(before, after, "failed"));
        Assert.Equal(1, Async(before, after, "paid"));
        (string, string)[] error = [("provider", "stripe"), ("code", DeclineCode)];
        Assert.Equal(1, Scrape.Sum(after, "platform_payment_provider_errors_total", error) - Scrape.Sum(before, "platform_payment_provider_errors_total", error));

        // The live dashboard agrees: the 202 is no attempt yet; the failed and the paid event are, once each.
        var live = await (await s.Owner.GetAsync($"/api/v1/live?eventId={s.Event.Id}")).ReadAsync<LiveResponse>();
        Assert.Equal((2L, 1L), (live.Payments.Attempts, live.Payments.Succeeded));
        Assert.Contains(live.ErrorCodes, c => c is { Code: DeclineCode, Count: 1 });
    }

    /// <summary>
    /// Change of the async counter, over every tenant label: past the tenant-label cap (50 per process, reached in a
    /// full run) this tenant is "other". The collection runs its tests one at a time, so the change is this test's.
    /// </summary>
    private static double Async(string before, string after, string outcome)
    {
        (string, string)[] labels = [("provider", "stripe"), ("outcome", outcome)];
        return Scrape.Sum(after, "platform_payment_async_outcomes_total", labels) - Scrape.Sum(before, "platform_payment_async_outcomes_total", labels);
    }
}
