using FluentValidation;

namespace Platform.Pricing.Rules;

internal sealed class PricingRuleRequestValidator : AbstractValidator<PricingRuleRequest>
{
    public PricingRuleRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required.").MaximumLength(200);
        RuleFor(r => r.Kind).NotNull().WithMessage($"kind is required: one of {Http.QueryValues.Allowed<PricingRuleKind>()}.");

        // Discounts and fees carry a value; a tax carries its rate in basisPoints.
        RuleFor(r => r.ValueType).NotNull().WithMessage("valueType is required (percentage or fixed).")
            .When(r => r.Kind is not null and not PricingRuleKind.Tax);
        PricingValidation.ValueRules(this, r => r.Kind == PricingRuleKind.Tax ? null : r.ValueType, r => r.BasisPoints, r => r.Amount, r => r.Currency);
        When(r => r.Kind == PricingRuleKind.Tax, () =>
        {
            RuleFor(r => r.ValueType).Must(t => t is null or AdjustmentType.Percentage).WithMessage("a tax is a percentage rate.");
            RuleFor(r => r.BasisPoints).BasisPoints("basisPoints");
            RuleFor(r => r.Amount).Null().WithMessage("a tax has no fixed amount.");
            RuleFor(r => r.TicketTypeIds).Must(ids => ids is null or { Count: 0 }).WithMessage("a tax applies to the whole order, not to ticket types.");
        });

        When(r => r.Kind == PricingRuleKind.AudienceDiscount, () =>
            RuleFor(r => r.Audience).NotNull().WithMessage("audience is required for an audience discount."));
        RuleFor(r => r.Proof).MaximumLength(200);
        When(r => r.Kind == PricingRuleKind.EarlyBird, () =>
            RuleFor(r => r.ValidUntil).NotNull().When(r => r.FirstTickets is null)
                .WithMessage("an early bird needs validUntil or firstTickets."));
        RuleFor(r => r.FirstTickets).GreaterThan(0).When(r => r.FirstTickets is not null);
        When(r => r.Kind == PricingRuleKind.QuantityTier, () =>
            RuleFor(r => r.MinQuantity).NotNull().WithMessage("minQuantity is required for a quantity tier.").GreaterThanOrEqualTo(2));
        When(r => r.Kind == PricingRuleKind.ServiceFee, () =>
            RuleFor(r => r.FeeBasis).NotNull().WithMessage("feeBasis is required for a service fee (per_ticket or per_order)."));

        RuleFor(r => r.ValidUntil).GreaterThan(r => r.ValidFrom!.Value)
            .When(r => r.ValidFrom is not null && r.ValidUntil is not null)
            .WithMessage("validUntil must be after validFrom.");
        RuleFor(r => r.EventIds).IdList("eventIds");
        RuleFor(r => r.TicketTypeIds).IdList("ticketTypeIds");
    }
}
