using FluentValidation;
using Platform.Money;

namespace Platform.Pricing;

/// <summary>Field rules shared by pricing rules, vouchers and the sample loader.</summary>
internal static class PricingValidation
{
    public const int MaxIds = 500;

    public static bool IsWhole(decimal? value) => value is null || decimal.Truncate(value.Value) == value.Value;

    public static IRuleBuilderOptions<T, decimal?> BasisPoints<T>(this IRuleBuilder<T, decimal?> rule, string field) => rule
        .NotNull().WithMessage($"{field} is required (basis points: 1% = 100).")
        .Must(IsWhole).WithMessage($"{field} must be a whole number of basis points (1% = 100).")
        .InclusiveBetween(0m, 10_000m).WithMessage($"{field} must be between 0 and 10000 (0–100%).");

    public static IRuleBuilderOptions<T, decimal?> MinorAmount<T>(this IRuleBuilder<T, decimal?> rule) => rule
        .NotNull().WithMessage("amount is required for a fixed value (minor units, e.g. cents).")
        .Must(IsWhole).WithMessage("amount must be a whole number of minor units (no fractions).")
        .GreaterThanOrEqualTo(0m).WithMessage("amount must not be negative.")
        .LessThanOrEqualTo(1_000_000_000_000m).WithMessage("amount is too large.");

    public static IRuleBuilderOptions<T, string?> KnownCurrency<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("currency is required for a fixed amount.")
        .Must(Currencies.IsKnown).WithMessage("currency must be an ISO 4217 code such as EUR.");

    public static IRuleBuilderOptions<T, List<Guid>?> IdList<T>(this IRuleBuilder<T, List<Guid>?> rule, string field) => rule
        .Must(ids => ids is null || ids.Count <= MaxIds).WithMessage($"{field} may list at most {MaxIds} ids.")
        .Must(ids => ids is null || !ids.Contains(Guid.Empty)).WithMessage($"{field} must not contain the empty id.");

    /// <summary>The value of a discount: percentage with basisPoints, or fixed with amount and currency.</summary>
    public static void ValueRules<T>(AbstractValidator<T> v, Func<T, AdjustmentType?> type, System.Linq.Expressions.Expression<Func<T, decimal?>> basisPoints,
        System.Linq.Expressions.Expression<Func<T, decimal?>> amount, System.Linq.Expressions.Expression<Func<T, string?>> currency)
    {
        v.RuleFor(basisPoints).BasisPoints("basisPoints").When(x => type(x) == AdjustmentType.Percentage);
        v.RuleFor(basisPoints).Null().WithMessage("basisPoints is only for a percentage value.").When(x => type(x) == AdjustmentType.Fixed);
        v.RuleFor(amount).MinorAmount().When(x => type(x) == AdjustmentType.Fixed);
        v.RuleFor(currency).KnownCurrency().When(x => type(x) == AdjustmentType.Fixed);
        v.RuleFor(amount).Null().WithMessage("amount is only for a fixed value.").When(x => type(x) == AdjustmentType.Percentage);
    }
}
