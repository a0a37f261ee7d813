using System.Text.RegularExpressions;
using FluentValidation;

namespace Platform.Pricing.Vouchers;

internal static partial class VoucherRules
{
    public const int MaxBulk = 1000;

    [GeneratedRegex("^[A-Za-z0-9_-]{3,40}$")]
    public static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{0,20}$")]
    public static partial Regex PrefixPattern();
}

internal sealed class VoucherRequestValidator : AbstractValidator<VoucherRequest>
{
    public VoucherRequestValidator()
    {
        RuleFor(v => v.Code).NotEmpty().WithMessage("code is required.")
            .Matches(VoucherRules.CodePattern()).WithMessage("code must be 3–40 letters, digits, '-' or '_'.");
        RuleFor(v => v.Description).MaximumLength(500);
        RuleFor(v => v.ValueType).NotNull().WithMessage("valueType is required (percentage or fixed).");
        PricingValidation.ValueRules(this, v => v.ValueType, v => v.BasisPoints, v => v.Amount, v => v.Currency);
        RuleFor(v => v.ValidUntil).GreaterThan(v => v.ValidFrom!.Value)
            .When(v => v.ValidFrom is not null && v.ValidUntil is not null).WithMessage("validUntil must be after validFrom.");
        RuleFor(v => v.MaxUses).GreaterThan(0).When(v => v.MaxUses is not null);
        RuleFor(v => v.MaxUsesPerBuyer).GreaterThan(0).When(v => v.MaxUsesPerBuyer is not null);
        RuleFor(v => v.EventIds).IdList("eventIds");
        RuleFor(v => v.TicketTypeIds).IdList("ticketTypeIds");
    }
}

internal sealed class BulkVoucherRequestValidator : AbstractValidator<BulkVoucherRequest>
{
    public BulkVoucherRequestValidator()
    {
        RuleFor(v => v.Count).NotNull().WithMessage("count is required.")
            .InclusiveBetween(1, VoucherRules.MaxBulk).WithMessage($"count must be between 1 and {VoucherRules.MaxBulk}.");
        RuleFor(v => v.Prefix).Matches(VoucherRules.PrefixPattern()).When(v => v.Prefix is not null)
            .WithMessage("prefix must be at most 20 letters, digits, '-' or '_'.");
        RuleFor(v => v.Description).MaximumLength(500);
        RuleFor(v => v.ValueType).NotNull().WithMessage("valueType is required (percentage or fixed).");
        PricingValidation.ValueRules(this, v => v.ValueType, v => v.BasisPoints, v => v.Amount, v => v.Currency);
        RuleFor(v => v.ValidUntil).GreaterThan(v => v.ValidFrom!.Value)
            .When(v => v.ValidFrom is not null && v.ValidUntil is not null).WithMessage("validUntil must be after validFrom.");
        RuleFor(v => v.EventIds).IdList("eventIds");
        RuleFor(v => v.TicketTypeIds).IdList("ticketTypeIds");
    }
}
