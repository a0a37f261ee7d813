using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Sales;

namespace Platform.Pricing.Quotes;

/// <summary>
/// Turns a buyer's choice into a <see cref="QuoteInput"/>: unit prices come from the event's ticket types (never
/// from the client), each line is checked against the channel and the per-order limits, and "tickets already sold"
/// (for first-N early-bird rules) is read from the event's counters. Shared by the quote endpoints and order placement.
/// </summary>
public sealed class EventQuoteBuilder(PlatformDbContext db)
{
    public async Task<QuoteInput> BuildAsync(Event ev, QuoteRequest request, CancellationToken ct)
    {
        var channel = request.Channel ?? SalesChannel.Web;
        var lines = request.Lines!;
        var ids = lines.Select(l => l.TicketTypeId!.Value).Distinct().ToList();
        var types = await db.Set<TicketType>().AsNoTracking()
            .Where(t => t.EventId == ev.Id && ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, ct);

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!types.TryGetValue(line.TicketTypeId!.Value, out var type))
            {
                errors[$"lines[{i}].ticketTypeId"] = ["The ticket type does not belong to this event."];
            }
            else if (!type.Channels.Contains(EventMapping.ChannelName(channel)))
            {
                errors[$"lines[{i}].ticketTypeId"] = [$"The ticket type is not offered on the {EventMapping.ChannelName(channel)} channel."];
            }
            else if (line.PriceZoneId is { } zone && zone != type.PriceZoneId)
            {
                errors[$"lines[{i}].priceZoneId"] = ["The price zone does not match the ticket type."];
            }
        }

        foreach (var group in lines.Select((l, i) => (Line: l, Index: i)).GroupBy(x => x.Line.TicketTypeId!.Value))
        {
            if (types.TryGetValue(group.Key, out var type))
            {
                var quantity = group.Sum(x => x.Line.Quantity!.Value);
                if (quantity < type.MinPerOrder || quantity > type.MaxPerOrder)
                {
                    errors[$"lines[{group.First().Index}].quantity"] =
                        [$"'{type.Name}' is sold {type.MinPerOrder}–{type.MaxPerOrder} per order; {quantity} were asked for."];
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new UnprocessableException("invalid_lines", "One or more lines cannot be quoted.", errors);
        }

        var sold = await db.Set<QuotaCounter>().AsNoTracking().Where(c => c.EventId == ev.Id).SumAsync(c => (int?)c.Sold, ct) ?? 0;
        return new QuoteInput(
            ev.Id,
            types.Values.First().Currency,
            [.. lines.Select(l =>
            {
                var type = types[l.TicketTypeId!.Value];
                return new QuoteLineInput(type.Id, type.PriceZoneId, l.Audience ?? Audience.Adult, l.Quantity!.Value, type.PriceMinor);
            })],
            request.PromoCode,
            request.BuyerEmail,
            channel,
            sold);
    }
}
