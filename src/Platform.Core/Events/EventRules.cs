using Platform.Sales;
namespace Platform.Events;

/// <summary>The event lifecycle and the time rules of windows and occurrences: pure, unit-tested.</summary>
public static class EventRules
{
    private static readonly Dictionary<EventStatus, EventStatus[]> Allowed = new()
    {
        [EventStatus.Draft] = [EventStatus.Published, EventStatus.Cancelled],
        [EventStatus.Published] = [EventStatus.OnSale, EventStatus.Ended, EventStatus.Cancelled],
        [EventStatus.OnSale] = [EventStatus.SoldOut, EventStatus.Ended, EventStatus.Cancelled],
        [EventStatus.SoldOut] = [EventStatus.OnSale, EventStatus.Ended, EventStatus.Cancelled],
        [EventStatus.Ended] = [],
        [EventStatus.Cancelled] = [],
    };

    public static bool CanTransition(EventStatus from, EventStatus to) => Allowed[from].Contains(to);

    /// <summary>Statuses the public catalog shows.</summary>
    public static readonly IReadOnlyList<EventStatus> Listed = [EventStatus.Published, EventStatus.OnSale, EventStatus.SoldOut];

    public static bool IsClosed(EventStatus status) => status is EventStatus.Ended or EventStatus.Cancelled;

    /// <summary>
    /// For each window that overlaps an earlier window of the same channel: (its index, the earlier one's index).
    /// Windows are half-open [opensAt, closesAt), so one may open exactly when the previous closes.
    /// </summary>
    public static IEnumerable<(int Index, int OverlapsIndex)> Overlaps(IReadOnlyList<(SalesChannel Channel, DateTimeOffset Opens, DateTimeOffset Closes)> windows)
    {
        for (var i = 0; i < windows.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (windows[i].Channel == windows[j].Channel && windows[i].Opens < windows[j].Closes && windows[j].Opens < windows[i].Closes)
                {
                    yield return (i, j);
                    break;
                }
            }
        }
    }
}
