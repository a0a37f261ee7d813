using FluentValidation;

namespace Platform.Resellers;

internal static class AllocationLimits
{
    public const int MaxQuantity = 1_000_000;
    public const int MaxBps = 10_000;
    public const long MaxPrice = 100_000_000_000;
}

internal sealed class CreateAllocationRequestValidator : AbstractValidator<CreateAllocationRequest>
{
    public CreateAllocationRequestValidator()
    {
        RuleFor(r => r.ClientId).NotEmpty().WithMessage("clientId is required.").MaximumLength(100);
        RuleFor(r => r.EventId).NotNull().WithMessage("eventId is required.");
        RuleFor(r => r.Quantity).NotNull().WithMessage("quantity is required.")
            .InclusiveBetween(1, AllocationLimits.MaxQuantity).WithMessage($"quantity must be between 1 and {AllocationLimits.MaxQuantity}.");
        Terms.Apply(this, r => r.CommissionBps, r => r.PriceFloor, r => r.PriceCeiling);
    }
}

internal sealed class UpdateAllocationRequestValidator : AbstractValidator<UpdateAllocationRequest>
{
    public UpdateAllocationRequestValidator()
    {
        RuleFor(r => r.Quantity).InclusiveBetween(0, AllocationLimits.MaxQuantity)
            .WithMessage($"quantity must be between 0 and {AllocationLimits.MaxQuantity}.");
        Terms.Apply(this, r => r.CommissionBps, r => r.PriceFloor, r => r.PriceCeiling);
    }
}

internal static class Terms
{
    public static void Apply<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, int?>> bps,
        System.Linq.Expressions.Expression<Func<T, long?>> floor, System.Linq.Expressions.Expression<Func<T, long?>> ceiling)
    {
        v.RuleFor(bps).InclusiveBetween(0, AllocationLimits.MaxBps).WithMessage("commissionBps must be between 0 and 10000 (basis points).");
        v.RuleFor(floor).InclusiveBetween(0, AllocationLimits.MaxPrice).WithMessage("priceFloor must be between 0 and 100000000000 minor units.");
        v.RuleFor(ceiling).InclusiveBetween(0, AllocationLimits.MaxPrice).WithMessage("priceCeiling must be between 0 and 100000000000 minor units.");
        var floorOf = floor.Compile();
        var ceilingOf = ceiling.Compile();
        v.RuleFor(ceiling).Must((r, c) => c is null || floorOf(r) is not { } f || c >= f)
            .WithMessage("priceCeiling must not be below priceFloor.");
    }
}
