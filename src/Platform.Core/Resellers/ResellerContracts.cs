using Platform.Orders;

namespace Platform.Resellers;

/// <summary>Grants a reseller (an API client of the tenant) an allocation of an event, or of one of its ticket types.</summary>
public sealed record CreateAllocationRequest(string? ClientId, Guid? EventId, Guid? TicketTypeId, int? Quantity, int? CommissionBps,
    long? PriceFloor, long? PriceCeiling);

/// <summary>A partial update: omitted (null) fields keep their value. Send If-Match with the version to guard against lost updates.</summary>
public sealed record UpdateAllocationRequest(int? Quantity, int? CommissionBps, long? PriceFloor, long? PriceCeiling);

public sealed record AllocationResponse(
    Guid Id,
    string ClientId,
    Guid EventId,
    Guid? TicketTypeId,
    int Quantity,
    int Held,
    int Sold,
    int Remaining,
    int? CommissionBps,
    long? PriceFloor,
    long? PriceCeiling,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static AllocationResponse From(ResellerAllocation a) => new(a.Id, a.ClientId, a.EventId, a.TicketTypeId, a.Quantity, a.Held, a.Sold,
        a.Quantity - a.Held - a.Sold, a.CommissionBps, a.PriceFloor, a.PriceCeiling, a.CreatedAt, a.UpdatedAt, a.Version);
}

/// <summary>
/// One allocation's figures. Gross sales are the order line totals (after discounts, with fees and tax) of paid orders
/// less refunds; commission is what was agreed per line at placement, reduced pro rata by refunded tickets.
/// </summary>
public sealed record ResellerReportLine(
    Guid AllocationId,
    Guid EventId,
    Guid? TicketTypeId,
    int Quantity,
    int Held,
    int Sold,
    int Remaining,
    string Currency,
    long GrossSales,
    long Commission,
    int? CommissionBps);

public sealed record ResellerReport(string ClientId, IReadOnlyList<ResellerReportLine> Allocations);

/// <summary>An order of the reseller, as its own list shows it.</summary>
public sealed record ResellerOrderSummary(
    Guid Id,
    Guid HoldId,
    Guid EventId,
    Guid OccurrenceId,
    OrderState State,
    string Currency,
    long Total,
    long RefundedAmount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt);
