using Platform.Events;
using Platform.Sales;

namespace Platform.Api.Storefront;

public enum SaleState
{
    OnSale,
    SoonOnSale,
    SoldOut,
    Closed,
}

/// <summary>Whether a buyer can buy now on the web: sold out, not yet on sale (and when it opens), closed, or on sale.</summary>
public static class SaleStates
{
    public static SaleState Of(Event ev, IEnumerable<SalesWindow> webWindows, DateTimeOffset now)
    {
        if (ev.Status == EventStatus.SoldOut)
        {
            return SaleState.SoldOut;
        }

        var windows = webWindows.ToList();
        if (ev.Status == EventStatus.OnSale && windows.Any(w => w.OpensAt <= now && now < w.ClosesAt))
        {
            return SaleState.OnSale;
        }

        return windows.Any(w => w.OpensAt > now) || ev.Status == EventStatus.Published ? SaleState.SoonOnSale : SaleState.Closed;
    }

    /// <summary>When the next web sales window opens (for the countdown), if one is still ahead.</summary>
    public static DateTimeOffset? OpensAt(IEnumerable<SalesWindow> webWindows, DateTimeOffset now) =>
        webWindows.Where(w => w.OpensAt > now).Select(w => (DateTimeOffset?)w.OpensAt).Min();
}
