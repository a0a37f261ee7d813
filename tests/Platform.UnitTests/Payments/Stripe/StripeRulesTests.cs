using Platform.Payments.Stripe;

namespace Platform.UnitTests.Payments.Stripe;

public sealed class StripeRulesTests
{
    [Theory]
    [InlineData("EUR", "card,alipay,wechat_pay")]
    [InlineData("usd", "card,alipay,wechat_pay")]
    [InlineData("CNY", "card,alipay,wechat_pay")]
    [InlineData("MYR", "card,alipay")]
    [InlineData("NZD", "card,alipay")]
    [InlineData("CHF", "card,wechat_pay")]
    [InlineData("SEK", "card,wechat_pay")]
    [InlineData("BRL", "card")]
    [InlineData("PLN", "card")]
    public void PaymentMethodTypes_Currency_CardAlwaysWalletsWhereAllowed(string currency, string expected) =>
        Assert.Equal(expected.Split(','), StripeRules.PaymentMethodTypes(currency));

    [Theory]
    [InlineData(5000, 250, 30, 155)]
    [InlineData(5000, 0, 0, 0)]
    [InlineData(1999, 250, 0, 50)] // 49.975 rounds half up to 50
    [InlineData(1998, 250, 0, 50)] // 49.95 → 50
    [InlineData(1997, 250, 0, 50)] // 49.925 → 50
    [InlineData(1979, 250, 0, 49)] // 49.475 → 49
    [InlineData(100, 10_000, 50, 100)] // never above the amount
    [InlineData(0, 250, 30, 0)]
    [InlineData(7500, 100, 0, 75)]
    public void ApplicationFee_BasisPointsPlusFixed_RoundedHalfUpCappedAtAmount(long amount, int basisPoints, long fixedMinor, long expected) =>
        Assert.Equal(expected, StripeRules.ApplicationFee(amount, basisPoints, fixedMinor));

    [Theory]
    [InlineData("sk_test_abc", false)]
    [InlineData("sk_live_abc", true)]
    [InlineData("rk_test_abc", false)]
    [InlineData("rk_live_abc", true)]
    [InlineData("pk_test_abc", null)]
    [InlineData("whsec_abc", null)]
    [InlineData("", null)]
    public void LiveModeOf_KeyPrefix_Mode(string key, bool? expected) => Assert.Equal(expected, StripeRules.LiveModeOf(key));

    [Theory]
    [InlineData("Duplicate booking", "duplicate")]
    [InlineData("suspected FRAUD", "fraudulent")]
    [InlineData("cannot attend", "requested_by_customer")]
    [InlineData(null, "requested_by_customer")]
    public void RefundReason_FreeText_StripeReason(string? reason, string expected) => Assert.Equal(expected, StripeRules.RefundReason(reason));

    [Theory]
    [InlineData("sk_test_abc", "pk_test_abc", true)]
    [InlineData("sk_live_abc", "pk_live_abc", true)]
    [InlineData("sk_test_abc", "pk_live_abc", false)]
    [InlineData("sk_live_abc", "pk_test_abc", false)]
    [InlineData("sk_test_abc", null, false)]
    [InlineData("sk_test_abc", "sk_test_abc", false)]
    [InlineData(null, null, true)]
    public void Options_PlatformKeys_PublishableKeyRequiredInTheSecretKeysMode(string? secretKey, string? publishableKey, bool valid)
    {
        var options = new StripeOptions { SecretKey = secretKey, PublishableKey = publishableKey };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(valid, errors.Count == 0);
    }
}
