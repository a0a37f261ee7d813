using Platform.Holds;
using Platform.Pricing;
using Platform.Pricing.Quotes;

namespace Platform.Api.Storefront;

/// <summary>
/// The one place where the buyer's lines (ticket type × audience × quantity, as the quote prices them) are mapped onto
/// the hold and order requests. Each line keeps its own audience on the hold (ADR on per-line audiences), so "2 adults
/// + 1 child" is held, ordered and ticketed at exactly the quoted price; the order then carries no audience of its own.
/// </summary>
public static class CheckoutLines
{
    public static List<QuoteRequestLine> ToQuote(IEnumerable<SelectedLine> lines) =>
        [.. lines.Select(l => new QuoteRequestLine(l.TicketTypeId, null, l.Audience, l.Quantity))];

    public static List<HoldLineRequest> ToHold(IEnumerable<SelectedLine> lines) =>
        [.. lines.Select(l => l.SeatIds is { Count: > 0 } seats
            ? new HoldLineRequest(l.TicketTypeId, null, seats, null, l.Audience)
            : new HoldLineRequest(l.TicketTypeId, l.Quantity, null, l.SectionId, l.Audience))];

    /// <summary>Reads quantities posted as q_{ticketTypeId}_{audience} (no JavaScript needed), ignoring zeros and junk.</summary>
    public static List<SelectedLine> FromForm(IFormCollection form, ISet<Guid> offered, IReadOnlyCollection<Audience> audiences)
    {
        var lines = new List<SelectedLine>();
        foreach (var (key, value) in form)
        {
            var parts = key.Split('_');
            if (parts.Length == 3 && parts[0] == "q" && Guid.TryParse(parts[1], out var type) && offered.Contains(type)
                && Enum.TryParse<Audience>(parts[2], ignoreCase: false, out var audience) && audiences.Contains(audience)
                && int.TryParse(value.ToString(), out var quantity) && quantity is > 0 and <= PricingQuoteService.MaxQuantity)
            {
                lines.Add(new SelectedLine(type, audience, quantity));
            }
        }

        return lines;
    }
}
