using System.Collections.Frozen;

namespace Platform.Payments.Stripe;

/// <summary>Pure rules of the Stripe path: key modes, the application fee, and which payment methods a currency allows.</summary>
public static class StripeRules
{
    /// <summary>
    /// Currencies Stripe accepts for each wallet we offer besides cards (Stripe's payment-method pages, for merchants
    /// in Europe, North America and Asia-Pacific). The connected account's country can narrow this further; Stripe
    /// then declines the method at confirmation and the buyer still has card.
    /// <list type="table">
    /// <item><term>alipay</term><description>aud cad cny eur gbp hkd jpy myr nzd sgd usd</description></item>
    /// <item><term>wechat_pay</term><description>aud cad chf cny dkk eur gbp hkd jpy nok sek sgd usd</description></item>
    /// </list>
    /// </summary>
    private static readonly (string Method, FrozenSet<string> Currencies)[] Wallets =
    [
        ("alipay", FrozenSet.ToFrozenSet(["aud", "cad", "cny", "eur", "gbp", "hkd", "jpy", "myr", "nzd", "sgd", "usd"])),
        ("wechat_pay", FrozenSet.ToFrozenSet(["aud", "cad", "chf", "cny", "dkk", "eur", "gbp", "hkd", "jpy", "nok", "sek", "sgd", "usd"])),
    ];

    /// <summary>card always, then each wallet whose currency list holds <paramref name="currency"/>.</summary>
    public static IReadOnlyList<string> PaymentMethodTypes(string currency)
    {
        var lower = currency.ToLowerInvariant();
        return ["card", .. Wallets.Where(w => w.Currencies.Contains(lower)).Select(w => w.Method)];
    }

    /// <summary>
    /// The platform's fee on an amount: basis points rounded half up, plus the fixed part, never more than the amount
    /// (Stripe rejects a fee above the charge).
    /// </summary>
    public static long ApplicationFee(long amount, int basisPoints, long fixedMinor) =>
        amount <= 0 ? 0 : Math.Min(amount, ((amount * basisPoints) + 5_000) / 10_000 + fixedMinor);

    /// <summary>Live (true) or test (false) from a secret or restricted key's prefix; null when it is neither.</summary>
    public static bool? LiveModeOf(string key) => key switch
    {
        _ when key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal) => true,
        _ when key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("rk_test_", StringComparison.Ordinal) => false,
        _ => null,
    };

    /// <summary>Live (true) or test (false) from a publishable key's prefix; null when it is none.</summary>
    public static bool? PublishableLiveModeOf(string? key) => key switch
    {
        null => null,
        _ when key.StartsWith("pk_live_", StringComparison.Ordinal) => true,
        _ when key.StartsWith("pk_test_", StringComparison.Ordinal) => false,
        _ => null,
    };

    /// <summary>Stripe's refund reasons: duplicate, fraudulent, or (for anything a person wrote) requested_by_customer.</summary>
    public static string RefundReason(string? reason) => reason?.ToLowerInvariant() switch
    {
        { } r when r.Contains("duplicate", StringComparison.Ordinal) => "duplicate",
        { } r when r.Contains("fraud", StringComparison.Ordinal) => "fraudulent",
        _ => "requested_by_customer",
    };
}
