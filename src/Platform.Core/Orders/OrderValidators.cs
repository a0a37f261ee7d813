using FluentValidation;
using Platform.Payments;

namespace Platform.Orders;

internal sealed class CreateOrderRequestValidator : AbstractValidator<CreateOrderRequest>
{
    public CreateOrderRequestValidator()
    {
        RuleFor(r => r.HoldId).NotNull();
        RuleFor(r => r.Buyer).NotNull();
        RuleFor(r => r.Buyer!.Name).NotEmpty().MaximumLength(200).When(r => r.Buyer is not null);
        RuleFor(r => r.Buyer!.Email).NotEmpty().MaximumLength(254).EmailAddress().When(r => r.Buyer is not null);
        RuleFor(r => r.Buyer!.Phone).MaximumLength(40).When(r => r.Buyer is not null);
        RuleFor(r => r.PromoCode).MaximumLength(40);
        RuleFor(r => r.Audience).IsInEnum();
    }
}

internal sealed class PayRequestValidator : AbstractValidator<PayRequest>
{
    public PayRequestValidator()
    {
        RuleFor(r => r.Method).MaximumLength(30);
        RuleFor(r => r.PaymentToken).MaximumLength(200);
        RuleFor(r => r.Reference).MaximumLength(200);
    }
}

internal sealed class RefundRequestValidator : AbstractValidator<RefundRequest>
{
    public RefundRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
        RuleFor(r => r.Lines).Must(l => l is null || l.Count <= 50).WithMessage("lines must hold at most 50 lines.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l!.LineId).NotNull();
            line.RuleFor(l => l!.Quantity).NotNull().InclusiveBetween(1, 100);
        });
    }
}
