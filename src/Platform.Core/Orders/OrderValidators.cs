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
        RuleFor(r => r.Holders).Must(h => h!.Count <= 100).WithMessage("holders lists at most 100 tickets.").When(r => r.Holders is not null);
        RuleForEach(r => r.Holders).ChildRules(h =>
        {
            h.RuleFor(x => x.Name).MaximumLength(200);
            h.RuleFor(x => x.Email).MaximumLength(254).EmailAddress().When(x => x.Email is not null);
            h.RuleFor(x => x.Name).NotEmpty().WithMessage("A holder with an e-mail needs a name.").When(x => x.Email is not null);
        }).When(r => r.Holders is not null);
        // Anti-scalping's e-mail-code challenge (AntiScalping/Challenge): the answer travels as a pair.
        RuleFor(r => r.ChallengeCode).NotEmpty().WithMessage("challengeCode is required with challengeId (the 6 digits from the e-mail).")
            .When(r => r.ChallengeId is not null);
        RuleFor(r => r.ChallengeCode).Matches("^[0-9]{6}$").WithMessage("challengeCode must be the 6 digits from the e-mail.")
            .When(r => !string.IsNullOrEmpty(r.ChallengeCode));
        RuleFor(r => r.ChallengeId).NotNull().WithMessage("challengeId is required with challengeCode.").When(r => r.ChallengeCode is not null);
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
