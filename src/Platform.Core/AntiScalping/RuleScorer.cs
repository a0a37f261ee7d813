namespace Platform.AntiScalping;

/// <summary>
/// A hand-weighted logistic score over the same features, used only when no trained model is available (a model path
/// that does not exist is refused at start-up; this serves tools and tests that run without one). Weights follow
/// <see cref="RiskReasons"/>: one strong signal reaches about 0.5, two reach the default threshold.
/// </summary>
public sealed class RuleScorer : IRiskScorer
{
    public float Score(RiskFeatures f)
    {
        var z = -4.0
            + (0.6 * Math.Min(f.EmailOrders, 5)) + (0.5 * Math.Min(f.PhoneOrders, 5)) + (0.6 * Math.Min(f.DeviceOrders, 5))
            + (0.3 * Math.Min(f.IpOrders, 10)) + (0.15 * Math.Min(f.SubnetOrders, 20)) + (0.3 * Math.Min(f.SubnetEmails, 10))
            + (0.1 * Math.Min(f.SubnetHolds, 20)) + (0.8 * Math.Min(Math.Max(f.IpChurn - 1, 0), 5)) + (2.0 * f.DisposableEmail)
            + (0.9 * Math.Min(f.SequentialSiblings, 5)) + (f.QuantityShare >= 1 ? 1.5 : 0) + (f.PassToOrderSeconds is >= 0 and < 8 ? 2.0 : 0);
        return (float)(1 / (1 + Math.Exp(-z)));
    }
}
