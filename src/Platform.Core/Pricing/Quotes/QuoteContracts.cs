using Platform.Pricing.Engine;
using Platform.Sales;

namespace Platform.Pricing.Quotes;

/// <summary>One line the buyer wants: a ticket type (and price zone), how many, for whom, at its base unit price.</summary>
public sealed record QuoteLineInput(Guid TicketTypeId, Guid? PriceZoneId, Audience Audience, int Quantity, long UnitPrice);

/// <summary>
/// What the quote service needs from its caller (the event quote endpoint, order placement): the event, its
/// currency, the lines with base prices already looked up, and how many of the event's tickets are sold so far.
/// </summary>
public sealed record QuoteInput(
    Guid EventId,
    string Currency,
    IReadOnlyList<QuoteLineInput> Lines,
    string? PromoCode = null,
    string? BuyerEmail = null,
    SalesChannel Channel = SalesChannel.Web,
    int TicketsAlreadySold = 0);

/// <summary>
/// One applied rule on a line or charge: which rule, what kind, why, and its signed amount (minor units). The English
/// <see cref="Explanation"/> is also given as a stable <see cref="Code"/> with <see cref="Args"/> (rule name, percent or
/// amount in minor units, counts, ISO times) so clients can say it in the buyer's language (docs/api.md "Quote explanations").
/// </summary>
public sealed record QuoteAdjustmentResponse(Guid? RuleId, string Kind, string Explanation, long Amount, bool Included, string? Code = null,
    IReadOnlyDictionary<string, string>? Args = null)
{
    public static QuoteAdjustmentResponse From(AppliedRule a) => new(a.RuleId, a.Kind, a.Explanation, a.Amount, a.Included, a.Code, a.Args);
}

public sealed record QuoteLineResponse(
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
    IReadOnlyList<QuoteAdjustmentResponse> Adjustments);

public sealed record QuoteChargeResponse(Guid RuleId, string Kind, string Explanation, long Amount, long Tax, long Total,
    IReadOnlyList<QuoteAdjustmentResponse> Adjustments, string? Code = null, IReadOnlyDictionary<string, string>? Args = null);

/// <summary>
/// An explained price: every amount is integer minor units of <see cref="Currency"/>, and it re-adds exactly:
/// subtotal − discount + fees (+ tax when not inclusive) = total = Σ line totals + Σ charge totals.
/// </summary>
public sealed record QuoteResponse(
    Guid EventId,
    string Currency,
    IReadOnlyList<QuoteLineResponse> Lines,
    IReadOnlyList<QuoteChargeResponse> Charges,
    long Subtotal,
    long Discount,
    long Fees,
    long Tax,
    bool TaxInclusive,
    long Total,
    string? PromoCode,
    DateTimeOffset QuotedAt)
{
    public static QuoteResponse From(Guid eventId, PriceQuote q, DateTimeOffset quotedAt) => new(
        eventId, q.Currency,
        [.. q.Lines.Select(l => new QuoteLineResponse(l.Index, l.TicketTypeId, l.PriceZoneId, l.Audience, l.Quantity, l.UnitPrice,
            l.BaseAmount, l.Discount, l.Fees, l.Tax, l.Total, l.ProofRequired, [.. l.Applied.Select(QuoteAdjustmentResponse.From)]))],
        [.. q.Charges.Select(c => new QuoteChargeResponse(c.RuleId, c.Kind, c.Explanation, c.Amount, c.Tax, c.Total,
            [.. c.Applied.Select(QuoteAdjustmentResponse.From)], c.Code, c.Args))],
        q.Subtotal, q.Discount, q.Fees, q.Tax, q.TaxInclusive, q.Total, q.PromoCode, quotedAt);
}
