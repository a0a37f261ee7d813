namespace Platform.Pricing.Vouchers;

/// <summary>
/// Creates or replaces a voucher. The code is case-insensitive and unique per tenant. Limits count redemptions
/// (one per order): maxUses overall, maxUsesPerBuyer per buyer email.
/// </summary>
public sealed record VoucherRequest(
    string? Code,
    string? Description,
    bool? Active,
    AdjustmentType? ValueType,
    decimal? BasisPoints,
    decimal? Amount,
    string? Currency,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int? MaxUses,
    int? MaxUsesPerBuyer,
    List<Guid>? EventIds,
    List<Guid>? TicketTypeIds);

/// <summary>Generates <see cref="Count"/> single-use vouchers with random codes starting with <see cref="Prefix"/>.</summary>
public sealed record BulkVoucherRequest(
    int? Count,
    string? Prefix,
    string? Description,
    AdjustmentType? ValueType,
    decimal? BasisPoints,
    decimal? Amount,
    string? Currency,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    List<Guid>? EventIds,
    List<Guid>? TicketTypeIds);

public sealed record VoucherResponse(
    Guid Id,
    string Code,
    string? Description,
    bool Active,
    AdjustmentType ValueType,
    int? BasisPoints,
    long? Amount,
    string? Currency,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int? MaxUses,
    int? MaxUsesPerBuyer,
    int TimesUsed,
    IReadOnlyList<Guid> EventIds,
    IReadOnlyList<Guid> TicketTypeIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static VoucherResponse From(Voucher v, int timesUsed) => new(
        v.Id, v.Code, v.Description, v.Active, v.ValueType,
        v.ValueType == AdjustmentType.Percentage ? v.BasisPoints : null,
        v.ValueType == AdjustmentType.Fixed ? v.Amount : null,
        v.Currency, v.ValidFrom, v.ValidUntil, v.MaxUses, v.MaxUsesPerBuyer, timesUsed,
        v.EventIds, v.TicketTypeIds, v.CreatedAt, v.UpdatedAt, v.Version);
}

public sealed record BulkVoucherResponse(int Count, IReadOnlyList<VoucherResponse> Vouchers);
