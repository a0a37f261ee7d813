using Platform.Orders;

namespace Platform.Payments;

/// <summary>
/// A payment the buyer confirms on their side (Stripe's Payment Element: Stripe.js loaded with
/// <see cref="PublishableKey"/> and, for a Connect account, <see cref="StripeAccount"/>, then the client secret); the
/// provider's webhook completes it.
/// </summary>
public sealed record PaymentSession(string Provider, bool TestMode, string PaymentIntentId, string ClientSecret, string IntentStatus,
    IReadOnlyList<string> PaymentMethodTypes, string? PublishableKey, string? StripeAccount);

/// <summary>
/// The answer to paying with a confirming provider: the order (still pending_payment) and what the buyer's client needs
/// to confirm. The order becomes paid when the provider reports success (webhook), never from this call's data.
/// </summary>
/// <param name="PublishableKey">The key to load Stripe.js with: <c>Stripe(publishableKey, { stripeAccount })</c>.</param>
/// <param name="StripeAccount">The connected account (acct_…) the intent lives on, for Stripe.js's stripeAccount option; null with the tenant's own keys.</param>
public sealed record PaymentSessionResponse(string Provider, bool TestMode, string PaymentIntentId, string ClientSecret, string IntentStatus,
    IReadOnlyList<string> PaymentMethodTypes, OrderResponse Order, string? PublishableKey, string? StripeAccount)
{
    /// <summary>"payment_session": tells this 202 answer from the paid order's 200 (issue #21, ADR 0034).</summary>
    public string Object => "payment_session";
}

/// <summary>A provider whose payments are confirmed by the buyer and reported back asynchronously (Stripe).</summary>
public interface IPaymentSessionProvider
{
    /// <summary>The method name buyers send ("stripe").</summary>
    string Name { get; }

    /// <summary>
    /// Starts (or resumes: one intent per order) the buyer's payment of a pending order. Returns null when the
    /// provider reports the payment already succeeded and the order has now been completed as paid.
    /// </summary>
    Task<PaymentSession?> StartAsync(Order order, string? createdBy, CancellationToken ct);
}
