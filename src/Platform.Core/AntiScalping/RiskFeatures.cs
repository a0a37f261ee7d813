namespace Platform.AntiScalping;

/// <summary>
/// What the platform knows about one order when it is placed, as numbers a model can read. The platform
/// (<see cref="RiskSignals"/>) and the scalper simulator (tools/Platform.RiskLab) fill it through the same code, so the
/// model is trained on exactly the features it scores. Counts are over the signal window (<see cref="RiskOptions.Window"/>)
/// and exclude the order itself.
/// </summary>
public sealed record RiskFeatures
{
    /// <summary>Earlier orders with the same e-mail.</summary>
    public float EmailOrders { get; init; }

    /// <summary>Earlier orders with the same phone (0 without a phone).</summary>
    public float PhoneOrders { get; init; }

    /// <summary>Earlier orders from the same browser (the waiting-room ticket; 0 when the order came without one).</summary>
    public float DeviceOrders { get; init; }

    /// <summary>Earlier orders from the same IP address.</summary>
    public float IpOrders { get; init; }

    /// <summary>Earlier orders from the same /24 (IPv4) or /48 (IPv6) network.</summary>
    public float SubnetOrders { get; init; }

    /// <summary>Holds made from the same /24 in the window (hold-time velocity; includes this order's hold).</summary>
    public float SubnetHolds { get; init; }

    /// <summary>Distinct e-mails that ordered from the same /24.</summary>
    public float SubnetEmails { get; init; }

    /// <summary>Distinct IP addresses this e-mail ordered from (IP churn; 1 for a first order).</summary>
    public float IpChurn { get; init; }

    /// <summary>1 when the e-mail's domain is on the disposable list.</summary>
    public float DisposableEmail { get; init; }

    /// <summary>Distinct other e-mails of the same stem (name1@, name2@ … share <c>name#@domain</c>).</summary>
    public float SequentialSiblings { get; init; }

    /// <summary>The order's tickets over the per-buyer maximum (1 = the maximum).</summary>
    public float QuantityShare { get; init; }

    /// <summary>Seconds from the waiting-room pass to the order; -1 when the order came without a pass.</summary>
    public float PassToOrderSeconds { get; init; } = -1;

    public static readonly string[] Names =
    [
        nameof(EmailOrders), nameof(PhoneOrders), nameof(DeviceOrders), nameof(IpOrders), nameof(SubnetOrders), nameof(SubnetHolds),
        nameof(SubnetEmails), nameof(IpChurn), nameof(DisposableEmail), nameof(SequentialSiblings), nameof(QuantityShare), nameof(PassToOrderSeconds),
    ];

    /// <summary>The features in <see cref="Names"/> order (the model's input vector).</summary>
    public float[] ToVector() =>
    [
        EmailOrders, PhoneOrders, DeviceOrders, IpOrders, SubnetOrders, SubnetHolds, SubnetEmails, IpChurn, DisposableEmail, SequentialSiblings,
        QuantityShare, PassToOrderSeconds,
    ];
}
