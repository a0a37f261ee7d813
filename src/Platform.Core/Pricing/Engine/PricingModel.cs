using Platform.Sales;
namespace Platform.Pricing.Engine;

/// <summary>A percentage (basis points, 0–10,000) or a fixed amount in minor units of <see cref="Currency"/>.</summary>
public sealed record Adjustment(AdjustmentType Type, int BasisPoints, long Amount, string? Currency)
{
    public static Adjustment Percent(int basisPoints) => new(AdjustmentType.Percentage, basisPoints, 0, null);

    public static Adjustment Fixed(long amount, string currency) => new(AdjustmentType.Fixed, 0, amount, currency);
}

/// <summary>
/// One pricing rule as the engine sees it. Fields a kind does not use are ignored. An empty
/// <see cref="TicketTypeIds"/> or <see cref="Channels"/> list means "all".
/// </summary>
public sealed record PricingRuleDefinition(Guid Id, string Name, PricingRuleKind Kind)
{
    /// <summary>The discount or fee; for <see cref="PricingRuleKind.Tax"/> only BasisPoints (the rate) is read.</summary>
    public Adjustment Value { get; init; } = Adjustment.Percent(0);

    public Audience? Audience { get; init; }

    /// <summary>What the ticket holder shows at the gate for an audience discount (e.g. "student card").</summary>
    public string? Proof { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>Early bird: only the first N tickets sold for the event get it.</summary>
    public int? FirstTickets { get; init; }

    /// <summary>Quantity tier: applies from this many qualifying tickets in the order.</summary>
    public int? MinQuantity { get; init; }

    public FeeBasis FeeBasis { get; init; } = FeeBasis.PerTicket;

    public bool TaxInclusive { get; init; }

    public IReadOnlyList<Guid> TicketTypeIds { get; init; } = [];

    public IReadOnlyList<SalesChannel> Channels { get; init; } = [];
}

/// <summary>A promo code or voucher with the counts of its redemptions so far (read by the caller).</summary>
public sealed record PromoDefinition(Guid Id, string Code, Adjustment Value)
{
    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public int? MaxUses { get; init; }

    public int? MaxUsesPerBuyer { get; init; }

    public IReadOnlyList<Guid> TicketTypeIds { get; init; } = [];

    public int UsedTotal { get; init; }

    /// <summary>Redemptions by this buyer; null when the buyer is unknown (then a per-buyer limit refuses).</summary>
    public int? UsedByBuyer { get; init; }
}

public sealed record PricingLineInput(Guid TicketTypeId, Guid? PriceZoneId, Audience Audience, int Quantity, long UnitPrice);

/// <summary>Everything a price depends on. The engine reads nothing else: no clock, no database.</summary>
public sealed record PricingInput(
    string Currency,
    IReadOnlyList<PricingLineInput> Lines,
    IReadOnlyList<PricingRuleDefinition> Rules,
    SalesChannel Channel,
    DateTimeOffset Now)
{
    public PromoDefinition? Promo { get; init; }

    /// <summary>Tickets of the event already sold, for "first N tickets" early-bird rules.</summary>
    public int TicketsAlreadySold { get; init; }
}

/// <summary>
/// One applied rule: what it is, why it applied, and its signed effect in minor units (discounts negative, fees and
/// tax positive). Inclusive tax is marked <see cref="Included"/>: it is part of the price, not added to it.
/// <see cref="Code"/> and <see cref="Args"/> say the English <see cref="Explanation"/> again for clients that translate
/// (docs/api.md "Quote explanations").
/// </summary>
public sealed record AppliedRule(Guid? RuleId, string Kind, string Explanation, long Amount, bool Included = false, string? Code = null,
    IReadOnlyDictionary<string, string>? Args = null);

public sealed record PricedLine(
    int Index,
    Guid TicketTypeId,
    Guid? PriceZoneId,
    Audience Audience,
    int Quantity,
    long UnitPrice,
    long BaseAmount,
    long Discount,
    long Fees,
    long Tax,
    long Total,
    string? ProofRequired,
    IReadOnlyList<AppliedRule> Applied);

/// <summary>A per-order charge (e.g. a booking fee) with its share of the tax.</summary>
public sealed record OrderCharge(Guid RuleId, string Kind, string Explanation, long Amount, long Tax, long Total, IReadOnlyList<AppliedRule> Applied,
    string? Code = null, IReadOnlyDictionary<string, string>? Args = null);

/// <summary>
/// A priced order. It re-adds exactly: Subtotal − Discount + Fees (+ Tax when exclusive) = Total, and the lines'
/// and charges' totals sum to Total.
/// </summary>
public sealed record PriceQuote(
    string Currency,
    IReadOnlyList<PricedLine> Lines,
    IReadOnlyList<OrderCharge> Charges,
    long Subtotal,
    long Discount,
    long Fees,
    long Tax,
    bool TaxInclusive,
    long Total,
    string? PromoCode);

/// <summary>Why the engine refused to price (e.g. an exhausted voucher); <see cref="Field"/> names the input at fault.</summary>
public sealed record PricingRefusal(string Code, string Field, string Message);

public sealed record PricingResult(PriceQuote? Quote, PricingRefusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
