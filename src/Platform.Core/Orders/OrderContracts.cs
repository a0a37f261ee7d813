using Platform.Payments;
using Platform.Pricing;
using Platform.Pricing.Quotes;
using Platform.Sales;

namespace Platform.Orders;

public sealed record BuyerRequest(string? Name, string? Email, string? Phone);

/// <summary>
/// Places an order from a hold. Each line keeps the audience its hold line chose; <see cref="Audience"/> is only the
/// default for hold lines that chose none (and adult when it is absent too) — it never overrides a line's own.
/// </summary>
/// <param name="Holders">
/// Each ticket's holder, in the order of the hold's lines and their tickets (a line of 2 takes two entries). Only for
/// events whose ticket settings name holders: required there (one per ticket), optional where optional (an entry
/// with a null name, or a shorter list, leaves that ticket with the buyer's name); refused otherwise.
/// </param>
/// <param name="ChallengeId">The <c>challengeId</c> of a <c>challenge_required</c> answer (anti-scalping), repeated with the code.</param>
/// <param name="ChallengeCode">The 6-digit code e-mailed to the buyer for <paramref name="ChallengeId"/>.</param>
public sealed record CreateOrderRequest(Guid? HoldId, BuyerRequest? Buyer, string? PromoCode, Audience? Audience,
    IReadOnlyList<TicketHolderRequest>? Holders = null, Guid? ChallengeId = null, string? ChallengeCode = null);

/// <summary>A ticket's holder named at checkout: a name, and an e-mail for their ticket (the buyer's when absent).</summary>
public sealed record TicketHolderRequest(string? Name, string? Email);

public sealed record BuyerResponse(string Name, string Email, string? Phone);

public sealed record OrderLineResponse(Guid Id, Guid TicketTypeId, Guid? PriceZoneId, Audience Audience, int Quantity, IReadOnlyList<Guid> SeatIds,
    long UnitPrice, long Total, int RefundedQuantity, long RefundedAmount);

public sealed record PaymentResponse(Guid Id, string Provider, string Kind, string Status, long Amount, string Currency, string? Reference,
    string? Reason, bool TestMode, DateTimeOffset CreatedAt);

/// <summary>An order. <see cref="OrderToken"/> is returned once, on placement: anonymous buyers present it as X-Order-Token.</summary>
public sealed record OrderResponse(
    Guid Id,
    Guid HoldId,
    Guid EventId,
    Guid OccurrenceId,
    SalesChannel Channel,
    OrderState State,
    string Currency,
    long Subtotal,
    long Discount,
    long Fees,
    long Tax,
    long Total,
    long RefundedAmount,
    string? PromoCode,
    BuyerResponse Buyer,
    IReadOnlyList<OrderLineResponse> Lines,
    IReadOnlyList<PaymentResponse> Payments,
    QuoteResponse Quote,
    DateTimeOffset CreatedAt,
    DateTimeOffset PaymentDueAt,
    DateTimeOffset? PaidAt,
    string? OrderToken)
{
    /// <summary>"order": tells this answer from a <see cref="Payments.PaymentSessionResponse"/> (issue #21, ADR 0034).</summary>
    public string Object => "order";
}

/// <summary>An order as an order search lists it: enough to recognise it; GET /api/v1/orders/{id} has the rest.</summary>
public sealed record OrderSummaryResponse(
    Guid Id,
    Guid EventId,
    Guid OccurrenceId,
    SalesChannel Channel,
    OrderState State,
    string Currency,
    long Total,
    long RefundedAmount,
    BuyerResponse Buyer,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt);

/// <summary>An order with its lines and payments (each ordered by id), as read together to pay or show it.</summary>
public sealed record OrderDetail(Order Order, IReadOnlyList<OrderLine> Lines, IReadOnlyList<Payment> Payments);

/// <summary>An order just placed, with its one-time token: what the create endpoint answers (and an Idempotency-Key stores).</summary>
public sealed record OrderPlaced(Order Order, List<OrderLine> Lines, string Token);
