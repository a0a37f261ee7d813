using Platform.OpenApi;
using Platform.Sales;
namespace Platform.Pricing.Rules;

/// <summary>
/// Creates or replaces a rule. Percentages are basis points (1 % = 100, 0–10,000); fixed amounts are whole minor
/// units of the tenant's currency. They are read as decimals so a fractional value is answered 422 naming the field,
/// not a generic 400, and documented as the integers they are (<see cref="WholeNumberAttribute"/>).
/// </summary>
public sealed record PricingRuleRequest(
    string? Name,
    PricingRuleKind? Kind,
    bool? Active,
    AdjustmentType? ValueType,
    [property: WholeNumber("int32")] decimal? BasisPoints,
    [property: WholeNumber("int64")] decimal? Amount,
    string? Currency,
    Audience? Audience,
    string? Proof,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int? FirstTickets,
    int? MinQuantity,
    FeeBasis? FeeBasis,
    bool? TaxInclusive,
    List<Guid>? EventIds,
    List<Guid>? TicketTypeIds,
    List<SalesChannel>? Channels);

public sealed record PricingRuleResponse(
    Guid Id,
    string Name,
    PricingRuleKind Kind,
    bool Active,
    AdjustmentType ValueType,
    int? BasisPoints,
    long? Amount,
    string? Currency,
    Audience? Audience,
    string? Proof,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int? FirstTickets,
    int? MinQuantity,
    FeeBasis? FeeBasis,
    bool? TaxInclusive,
    IReadOnlyList<Guid> EventIds,
    IReadOnlyList<Guid> TicketTypeIds,
    IReadOnlyList<SalesChannel> Channels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static PricingRuleResponse From(PricingRule r) => new(
        r.Id, r.Name, r.Kind, r.Active, r.ValueType,
        r.ValueType == AdjustmentType.Percentage ? r.BasisPoints : null,
        r.ValueType == AdjustmentType.Fixed ? r.Amount : null,
        r.Currency, r.Audience, r.Proof, r.ValidFrom, r.ValidUntil, r.FirstTickets, r.MinQuantity,
        r.Kind == PricingRuleKind.ServiceFee ? r.FeeBasis : null,
        r.Kind == PricingRuleKind.Tax ? r.TaxInclusive : null,
        r.EventIds, r.TicketTypeIds, [.. r.Channels.Select(PricingNames.ParseChannel)],
        r.CreatedAt, r.UpdatedAt, r.Version);
}
