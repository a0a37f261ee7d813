namespace Platform.AntiScalping;

/// <summary>
/// The reasons a promoter reads beside a score: each names a signal well past what one ordinary buyer produces.
/// They explain a decision; the score (and the hard rules) make it.
/// </summary>
public static class RiskReasons
{
    public static string[] Of(RiskFeatures f)
    {
        var reasons = new List<string>(4);
        Add(reasons, f.DisposableEmail > 0, "disposable_email");
        Add(reasons, f.SequentialSiblings >= 2, "sequential_identity");
        Add(reasons, f.EmailOrders >= 3 || f.PhoneOrders >= 3, "buyer_velocity");
        Add(reasons, f.DeviceOrders >= 3, "device_velocity");
        Add(reasons, f.IpOrders >= 5, "ip_velocity");
        Add(reasons, f.SubnetOrders >= 8 || f.SubnetEmails >= 6 || f.SubnetHolds >= 15, "subnet_velocity");
        Add(reasons, f.IpChurn >= 3, "ip_churn");
        Add(reasons, f.QuantityShare >= 1, "max_quantity");
        Add(reasons, f.PassToOrderSeconds is >= 0 and < 8, "fast_checkout");
        return [.. reasons];
    }

    private static void Add(List<string> reasons, bool when, string reason)
    {
        if (when)
        {
            reasons.Add(reason);
        }
    }
}

/// <summary>Scores features 0–1 (the probability of a scalper). Thread-safe: one instance serves every request.</summary>
public interface IRiskScorer
{
    float Score(RiskFeatures features);
}

/// <summary>
/// What a tenant's settings make of a score: at or above <c>threshold</c> the action (flag, review or block); below it
/// but at or above <c>challengeThreshold</c> (when set, only under review or block) an e-mail code; else allow.
/// </summary>
public static class RiskPolicy
{
    public static string Decide(string action, float threshold, bool blockDisposable, RiskFeatures features, float score, float? challengeThreshold = null)
    {
        if (action == "off")
        {
            return RiskDecisions.Allow;
        }

        if (blockDisposable && features.DisposableEmail > 0)
        {
            return RiskDecisions.Block;
        }

        return score >= threshold ? action
            : challengeThreshold is { } challenge && score >= challenge ? RiskDecisions.Challenge
            : RiskDecisions.Allow;
    }
}
