using FluentValidation;
using Platform.Sales;

namespace Platform.Pricing.Quotes;

/// <summary>
/// The body the quote endpoint (POST /api/v1/events/{id}/quote) will accept: the buyer's choice. Unit prices are
/// not taken from the client; the endpoint looks them up from the event's ticket types and builds a
/// <see cref="QuoteInput"/>.
/// </summary>
public sealed record QuoteRequest(List<QuoteRequestLine>? Lines, string? PromoCode, string? BuyerEmail, SalesChannel? Channel);

public sealed record QuoteRequestLine(Guid? TicketTypeId, Guid? PriceZoneId, Audience? Audience, int? Quantity);

internal sealed class QuoteRequestValidator : AbstractValidator<QuoteRequest>
{
    public QuoteRequestValidator()
    {
        RuleFor(r => r.Lines).NotEmpty().WithMessage("lines is required: at least one ticket.")
            .Must(l => l is null || l.Count <= PricingQuoteService.MaxLines).WithMessage($"lines may hold at most {PricingQuoteService.MaxLines} lines.");
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.TicketTypeId).NotNull().WithMessage("ticketTypeId is required.").NotEqual(Guid.Empty);
            line.RuleFor(l => l.Quantity).NotNull().WithMessage("quantity is required.")
                .InclusiveBetween(1, PricingQuoteService.MaxQuantity).WithMessage($"quantity must be between 1 and {PricingQuoteService.MaxQuantity}.");
        });
        RuleFor(r => r.PromoCode).MaximumLength(40);
        RuleFor(r => r.BuyerEmail).EmailAddress().MaximumLength(320).When(r => r.BuyerEmail is not null);
    }
}
