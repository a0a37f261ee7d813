using FluentValidation;

namespace Platform.CashUp;

/// <summary>Money a seller took by one method on the day: payments in, refunds out, and what should be there.</summary>
public sealed record CashUpMethodTotals(long Taken, int Payments, long Refunded, int Refunds, long Net);

/// <summary>A recorded count (the latest revision stands; earlier ones stay for the audit).</summary>
public sealed record CashCountResponse(Guid Id, int Revision, long ExpectedCash, long CountedCash, long Difference, string? Note, string CountedBy,
    DateTimeOffset CountedAt);

/// <summary>
/// One seller's day in one currency: <see cref="Cash"/> and <see cref="CardTerminal"/> as the platform recorded them
/// (payments the seller took minus refunds the seller paid out), the cash that should be in the drawer now
/// (<see cref="ExpectedCash"/>), and the seller's counts.
/// </summary>
public sealed record SellerCashUpResponse(string SellerId, string? SellerName, string Currency, CashUpMethodTotals Cash, CashUpMethodTotals CardTerminal,
    long ExpectedCash, CashCountResponse? Count, IReadOnlyList<CashCountResponse> Revisions);

/// <summary>The tenant's day (in its time zone) and every seller shown to the caller.</summary>
public sealed record CashUpResponse(DateOnly Date, string TimeZone, IReadOnlyList<SellerCashUpResponse> Sellers);

/// <summary>
/// The caller's counted cash for a day (default: the tenant's today) in a currency (default: the tenant's). A second
/// count of the same day is refused unless <see cref="Correction"/> is true, which needs a note and is audited.
/// </summary>
public sealed record RecordCashCountRequest(DateOnly? Date, string? Currency, long? CountedCash, string? Note, bool? Correction);

internal sealed class RecordCashCountRequestValidator : AbstractValidator<RecordCashCountRequest>
{
    public RecordCashCountRequestValidator()
    {
        RuleFor(r => r.CountedCash).NotNull().WithMessage("countedCash is required: the cash counted, in minor units.")
            .GreaterThanOrEqualTo(0).WithMessage("countedCash must not be negative.")
            .LessThanOrEqualTo(1_000_000_000_000).WithMessage("countedCash is too large.");
        RuleFor(r => r.Currency).Matches("^[A-Z]{3}$").When(r => r.Currency is not null).WithMessage("currency is an ISO 4217 code such as EUR.");
        RuleFor(r => r.Note).MaximumLength(500);
        RuleFor(r => r.Note).NotEmpty().When(r => r.Correction == true).WithMessage("A correction needs a note saying why.");
    }
}
