using System.Globalization;
using Microsoft.Extensions.Options;
using Stripe;

namespace Platform.Payments.Stripe;

/// <summary>
/// The only code that talks to Stripe (through Stripe.net). One <see cref="StripeClient"/> per call's key, on the
/// named HttpClient "stripe" and <see cref="StripeOptions.ApiBase"/>, so the tests' stand-in receives every request.
/// Every write carries an Idempotency-Key derived from our ids: a retry after a timeout or crash never charges or
/// refunds twice.
/// </summary>
internal sealed class StripeGateway(IHttpClientFactory http, IOptions<StripeOptions> options)
{
    public const string HttpClientName = "stripe";

    public async Task<PaymentIntent> CreateIntentAsync(StripeCredentials credentials, Guid tenantId, Guid orderId, long amount, string currency,
        CancellationToken ct)
    {
        var create = new PaymentIntentCreateOptions
        {
            Amount = amount,
            Currency = currency.ToLowerInvariant(),
            AllowedPaymentMethodTypes = [.. StripeRules.PaymentMethodTypes(currency)],
            Metadata = new Dictionary<string, string> { ["tenant_id"] = tenantId.ToString(), ["order_id"] = orderId.ToString() },
            Description = $"Order {orderId}",
        };
        if (credentials.TakesApplicationFee)
        {
            create.ApplicationFeeAmount = StripeRules.ApplicationFee(amount, options.Value.ApplicationFeeBasisPoints, options.Value.ApplicationFeeFixed);
        }

        return await new PaymentIntentService(Client(credentials)).CreateAsync(create, Request(credentials, $"pi-{orderId:N}"), ct);
    }

    public Task<PaymentIntent> GetIntentAsync(StripeCredentials credentials, string intentId, CancellationToken ct) =>
        new PaymentIntentService(Client(credentials)).GetAsync(intentId, null, Request(credentials, null), ct);

    public Task<Refund> RefundAsync(StripeCredentials credentials, string intentId, long amount, string? reason, Guid tenantId, Guid orderId,
        string idempotencyKey, CancellationToken ct) =>
        new RefundService(Client(credentials)).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = intentId,
            Amount = amount,
            Reason = StripeRules.RefundReason(reason),
            // On a direct charge the platform's fee is not returned by default; the buyer's refund takes it back pro rata.
            RefundApplicationFee = credentials.TakesApplicationFee ? true : null,
            Metadata = new Dictionary<string, string>
            {
                ["tenant_id"] = tenantId.ToString(), ["order_id"] = orderId.ToString(),
                ["reason"] = reason is { Length: > 450 } ? reason[..450] : reason ?? "",
                ["amount"] = amount.ToString(CultureInfo.InvariantCulture),
            },
        }, Request(credentials, idempotencyKey), ct);

    /// <summary>
    /// The account's balance transactions created since <paramref name="since"/> (all when null), or those a payout paid
    /// out, newest first; Stripe.net pages with starting_after. The source is expanded so a charge names its PaymentIntent.
    /// </summary>
    public IAsyncEnumerable<BalanceTransaction> BalanceTransactionsAsync(StripeCredentials credentials, DateTimeOffset? since, string? payout,
        CancellationToken ct) =>
        new BalanceTransactionService(Client(credentials)).ListAutoPagingAsync(new BalanceTransactionListOptions
        {
            Limit = 100,
            Created = since is { } s ? new DateRangeOptions { GreaterThanOrEqual = s.UtcDateTime } : null,
            Payout = payout,
            Expand = ["data.source"],
        }, Request(credentials, null), ct);

    private StripeClient Client(StripeCredentials credentials) =>
        new(credentials.ApiKey, httpClient: new SystemNetHttpClient(http.CreateClient(HttpClientName), maxNetworkRetries: 2),
            apiBase: options.Value.ApiBase);

    private static RequestOptions Request(StripeCredentials credentials, string? idempotencyKey) =>
        new() { StripeAccount = credentials.ConnectedAccountId, IdempotencyKey = idempotencyKey };
}
