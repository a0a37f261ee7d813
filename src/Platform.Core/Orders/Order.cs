using Platform.Pricing;
using Platform.Sales;
using Platform.Tenancy;

namespace Platform.Orders;

public enum OrderState
{
    PendingPayment,
    Paid,
    PartiallyRefunded,
    Refunded,
    Expired,
    Cancelled,
}

/// <summary>
/// An order made from a hold, with the quote locked at placement. While pending payment its stock stays held by the
/// hold (so it returns by time alone if the buyer never pays); payment converts the hold to sold in the same
/// transaction. Buyer details are encrypted with Data Protection; <see cref="BuyerEmailHash"/>, <see cref="BuyerPhoneKey"/> and
/// <see cref="BuyerNameKeys"/> serve lookups.
/// </summary>
public sealed class Order : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string TokenHash { get; init; }

    public Guid HoldId { get; init; }

    public Guid EventId { get; init; }

    public Guid OccurrenceId { get; init; }

    public SalesChannel Channel { get; init; }

    public OrderState State { get; set; } = OrderState.PendingPayment;

    public required string Currency { get; init; }

    public long Subtotal { get; init; }

    public long Discount { get; init; }

    public long Fees { get; init; }

    public long Tax { get; init; }

    public long Total { get; init; }

    public long RefundedAmount { get; set; }

    /// <summary>The quote as the buyer accepted it (JSON), so later rule changes never reprice the order.</summary>
    public required string QuoteJson { get; init; }

    public string? PromoCode { get; init; }

    public required string BuyerNameProtected { get; init; }

    public required string BuyerEmailProtected { get; init; }

    public string? BuyerPhoneProtected { get; init; }

    /// <summary>
    /// The ticket holders named at checkout (<see cref="TicketHolderRequest"/> list as JSON, one per ticket in line
    /// order), encrypted like the buyer's details; null when none were named. Ticket issuance copies them onto the tickets.
    /// </summary>
    public string? HoldersProtected { get; init; }

    public required string BuyerEmailHash { get; init; }

    /// <summary>Lookup key of the buyer's phone digits (Search/BuyerSearchKeys); null without a phone.</summary>
    public string? BuyerPhoneKey { get; init; }

    /// <summary>Lookup keys of the buyer name's words (Search/BuyerSearchKeys), GIN-indexed for order search.</summary>
    public string[] BuyerNameKeys { get; init; } = [];

    public string? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The hold's expiry: after it the order can no longer be paid.</summary>
    public DateTimeOffset PaymentDueAt { get; init; }

    public DateTimeOffset? PaidAt { get; set; }

    public uint Version { get; set; }
}

public sealed class OrderLine : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public Guid TicketTypeId { get; init; }

    public Guid? PriceZoneId { get; init; }

    public int Quantity { get; init; }

    public Guid[] SeatIds { get; init; } = [];

    /// <summary>Who the line's tickets are for: its price was quoted for it, and its tickets carry it to the gate.</summary>
    public Audience Audience { get; init; }

    public long UnitPrice { get; init; }

    public long Total { get; init; }

    public int RefundedQuantity { get; set; }

    public long RefundedAmount { get; set; }
}
