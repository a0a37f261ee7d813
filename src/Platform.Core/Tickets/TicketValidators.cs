using FluentValidation;

namespace Platform.Tickets;

internal sealed class TicketLookupRequestValidator : AbstractValidator<TicketLookupRequest>
{
    public TicketLookupRequestValidator()
    {
        RuleFor(x => x.OrderId).NotNull();
        RuleFor(x => x.Email).NotEmpty().MaximumLength(254);
    }
}
