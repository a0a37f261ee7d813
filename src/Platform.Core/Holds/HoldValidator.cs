using FluentValidation;

namespace Platform.Holds;

internal sealed class CreateHoldRequestValidator : AbstractValidator<CreateHoldRequest>
{
    public CreateHoldRequestValidator()
    {
        RuleFor(r => r.EventId).NotNull();
        RuleFor(r => r.OccurrenceId).NotNull();
        RuleFor(r => r.BuyerEmail).MaximumLength(254).EmailAddress();
        RuleFor(r => r.Lines).NotNull().Must(l => l is { Count: >= 1 and <= 20 }).WithMessage("lines must hold 1 to 20 lines.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l!.TicketTypeId).NotNull();
            line.RuleFor(l => l!.Quantity).InclusiveBetween(1, 100);
            line.RuleFor(l => l!.Audience).IsInEnum();
            line.RuleFor(l => l!.SeatIds).Must(s => s is null || s.Count <= 100).WithMessage("seatIds must hold at most 100 seats.");
        });
    }
}
