using FluentValidation;

namespace Platform.Money;

/// <summary>
/// Money on the wire, as docs/api.md defines it: an integer count of minor units and an ISO 4217 currency
/// (<c>{ "amount": 1999, "currency": "EUR" }</c> is €19.99).
/// </summary>
public sealed record MoneyResponse(long Amount, string Currency);

/// <summary>Money in a request. Both parts are nullable so a missing one is a 422 naming the field, not a 400.</summary>
public sealed record MoneyRequest(long? Amount, string? Currency);

/// <summary>
/// A price in a request: amount present, not negative, not absurd; currency present (whether it is the right one is
/// the caller's rule). A class, not inline rules, so the OpenAPI document can read which fields are required.
/// </summary>
internal sealed class MoneyRequestValidator : AbstractValidator<MoneyRequest>
{
    /// <summary>The largest price a ticket may have: 1,000,000,000.00 in a two-decimal currency.</summary>
    public const long MaxAmount = 100_000_000_000;

    public MoneyRequestValidator()
    {
        RuleFor(m => m.Amount).NotNull().WithMessage("amount is required (integer minor units, e.g. 1250 for 12.50).")
            .Must(a => a is null or >= 0).WithMessage("amount must not be negative (integer minor units, e.g. 1250 for 12.50).")
            .Must(a => a is null or <= MaxAmount).WithMessage("amount is too large.");
        RuleFor(m => m.Currency).NotEmpty().WithMessage("currency is required (ISO 4217, e.g. EUR).");
    }
}
