using Platform.Pricing.Rules;
using Platform.Sales;

namespace Platform.Events.SaleFacts;

/// <summary>
/// What selling an event needs to know and what rarely changes: the event, its occurrences, sales windows and ticket
/// types, and the tenant's active pricing rules that apply to it. Read-only snapshots, shared between requests.
/// </summary>
public sealed record EventSaleFacts(
    Event Event,
    IReadOnlySet<Guid> OccurrenceIds,
    IReadOnlyList<SalesWindow> Windows,
    IReadOnlyDictionary<Guid, TicketType> TicketTypes,
    IReadOnlyList<PricingRule> Rules,
    Tickets.TicketHolderNames HolderNames = Tickets.TicketHolderNames.Buyer)
{
    public bool IsWindowOpen(SalesChannel channel, DateTimeOffset now) =>
        Windows.Any(w => w.Channel == channel && w.OpensAt <= now && w.ClosesAt > now);

    /// <summary>Whether any rule prices by "the first N tickets sold", so the sold count (read with the hold) matters.</summary>
    public bool NeedsSoldCount => Rules.Any(r => r.FirstTickets is not null);
}
