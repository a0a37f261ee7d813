namespace Platform.Pricing;

/// <summary>Who a ticket is for; audience discounts match on it and the gate checks the proof.</summary>
public enum Audience
{
    Adult,
    Child,
    Senior,
    Student,
}

/// <summary>What a pricing rule does; the engine applies kinds in a fixed order (docs/adr/0004-pricing-rule-order.md).</summary>
public enum PricingRuleKind
{
    AudienceDiscount,
    EarlyBird,
    QuantityTier,
    ServiceFee,
    Tax,
}

/// <summary>A discount or fee is a percentage (in basis points, 1 % = 100) or a fixed amount in minor units.</summary>
public enum AdjustmentType
{
    Percentage,
    Fixed,
}

public enum FeeBasis
{
    PerTicket,
    PerOrder,
}
