using Platform.Holds;
using Platform.Pricing;
using Platform.Pricing.Quotes;

namespace Platform.Api.Storefront;

/// <summary>
/// THE ONE PLACE where the buyer's lines (ticket type × audience × quantity, as the quote prices them) are mapped
/// onto the hold and order requests. On this branch a hold takes lines per ticket type and an order takes one
/// audience for all of its lines, so a basket that mixes audiences (2 adults + 1 child) cannot be placed at the
/// quoted price yet and is refused with a clear message. When holds/orders accept an audience per line, map
/// <see cref="SelectedLine.Audience"/> into each line here and drop <see cref="OrderAudience"/>'s refusal.
/// </summary>
public static class CheckoutLines
{
    public static List<QuoteRequestLine> ToQuote(IEnumerable<SelectedLine> lines) =>
        [.. lines.Select(l => new QuoteRequestLine(l.TicketTypeId, null, l.Audience, l.Quantity))];

    public static List<HoldLineRequest> ToHold(IEnumerable<SelectedLine> lines) =>
        [.. lines.GroupBy(l => l.TicketTypeId).Select(g => new HoldLineRequest(g.Key, g.Sum(l => l.Quantity), null, null))];

    /// <summary>The single audience the order request can carry, or null when the basket mixes audiences.</summary>
    public static Audience? OrderAudience(IReadOnlyList<SelectedLine> lines) =>
        lines.Select(l => l.Audience).Distinct().Count() == 1 ? lines[0].Audience : null;

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
