using System.Text.Json;
using Platform.Http;
using Platform.Tickets;

namespace Platform.Orders;

/// <summary>A named holder kept with the order until its tickets are issued: the line the ticket belongs to, the name and e-mail.</summary>
internal sealed record StoredHolder(Guid LineId, string? Name, string? Email);

/// <summary>
/// The holders a buyer names at checkout, checked against the event's rule (<see cref="TicketHolderNames"/>) and kept,
/// encrypted, with the order: one entry per ticket in the order of the lines and their tickets.
/// </summary>
internal static class TicketHolders
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The holders to keep (null when none are named), or a 422 naming <c>holders</c> when the rule refuses them.</summary>
    public static List<StoredHolder>? Check(TicketHolderNames rule, IReadOnlyList<TicketHolderRequest>? given, IReadOnlyList<OrderLine> lines)
    {
        var perTicket = lines.SelectMany(l => Enumerable.Repeat(l.Id, l.SeatIds.Length > 0 ? l.SeatIds.Length : l.Quantity)).ToList();
        var named = given?.Where(h => !string.IsNullOrWhiteSpace(h.Name)).Count() ?? 0;
        if (rule == TicketHolderNames.Buyer && named > 0)
        {
            throw Refused("This event's tickets carry the buyer's name: it takes no holders.");
        }

        if (given is not null && given.Count > perTicket.Count)
        {
            throw Refused($"holders lists {given.Count} entries for {perTicket.Count} tickets.");
        }

        if (rule == TicketHolderNames.Required && (given is null || given.Count < perTicket.Count || named < perTicket.Count))
        {
            throw Refused($"This event's tickets are personalised: name the holder of each of the {perTicket.Count} tickets.");
        }

        return named == 0 ? null
            : [.. given!.Select((h, i) => new StoredHolder(perTicket[i], Trim(h.Name), Trim(h.Email)))];
    }

    public static string Serialize(List<StoredHolder> holders) => JsonSerializer.Serialize(holders, Json);

    public static List<StoredHolder> Deserialize(string json) => JsonSerializer.Deserialize<List<StoredHolder>>(json, Json) ?? [];

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static UnprocessableException Refused(string message) => new("validation_failed", "One or more fields are invalid.",
        new Dictionary<string, string[]> { ["holders"] = [message] });
}
