using System.Net.Http.Json;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Payments;
using Platform.Payments.Stripe;

namespace Platform.IntegrationTests.Payments.Stripe;

/// <summary>The Stripe steps of a checkout over HTTP: connect an account, pay with stripe, deliver signed webhooks.</summary>
internal static class StripeFlow
{
    public const string Webhook = "/api/v1/payments/stripe/webhook";

    public static string NewAccountId() => "acct_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task<string> ConnectAsync(this CheckoutScenario s)
    {
        var account = NewAccountId();
        (await s.Owner.PutAsJsonAsync("/api/v1/payments/stripe/account", new { connectedAccountId = account })).EnsureSuccessStatusCode();
        return account;
    }

    public static async Task<(string Key, string Secret)> UseOwnKeysAsync(this CheckoutScenario s, PlatformFixture fixture)
    {
        var key = "sk_test_" + Guid.NewGuid().ToString("N");
        var secret = "whsec_" + Guid.NewGuid().ToString("N");
        fixture.Stripe.AcceptKey(key);
        (await s.Owner.PutAsJsonAsync("/api/v1/payments/stripe/account",
            new { secretKey = key, webhookSecret = secret, publishableKey = OwnPublishableKey(key) })).EnsureSuccessStatusCode();
        return (key, secret);
    }

    /// <summary>The publishable key that goes with an own secret key in these tests (same mode, same suffix).</summary>
    public static string OwnPublishableKey(string secretKey) => "pk_" + secretKey["sk_".Length..];

    public static Task<HttpResponseMessage> PayStripeAsync(this CheckoutScenario s, OrderResponse order) =>
        s.Public.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders/{order.Id}/payments")
        {
            Content = JsonContent.Create(new { method = "stripe" }),
            Headers = { { OrderTokens.Header, order.OrderToken } },
        });

    public static async Task<PaymentSessionResponse> StartStripeAsync(this CheckoutScenario s, OrderResponse order) =>
        await (await s.PayStripeAsync(order)).ReadAsync<PaymentSessionResponse>();

    public static Task<HttpResponseMessage> DeliverAsync(this PlatformFixture fixture, string payload, string secret = StripeStandIn.PlatformWebhookSecret,
        DateTimeOffset? signedAt = null, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature ?? StripeStandIn.Sign(payload, secret, signedAt));
        return fixture.CreateClient().SendAsync(request);
    }

    public static async Task<StripeWebhookResponse> DeliverOkAsync(this PlatformFixture fixture, string payload,
        string secret = StripeStandIn.PlatformWebhookSecret) =>
        await (await fixture.DeliverAsync(payload, secret)).ReadAsync<StripeWebhookResponse>();

    public static async Task<OrderResponse> StaffOrderAsync(this CheckoutScenario s, Guid orderId) =>
        await (await s.Owner.GetAsync($"/api/v1/orders/{orderId}")).ReadAsync<OrderResponse>();
}
