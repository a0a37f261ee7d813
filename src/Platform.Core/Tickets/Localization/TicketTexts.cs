using System.Globalization;

namespace Platform.Tickets.Localization;

/// <summary>
/// The texts of tickets and ticket e-mails (TicketTexts.resx, TicketTexts.zh-CN.resx), read through
/// IStringLocalizer&lt;TicketTexts&gt;. Tickets are rendered in the tenant's locale, not the caller's: the buyer of a
/// zh-CN venue gets a Chinese ticket whatever their browser says.
/// </summary>
public sealed class TicketTexts
{
    /// <summary>
    /// Runs <paramref name="render"/> with the tenant's culture as the current (UI) culture, which is what the
    /// localizer and date formatting read, and restores the caller's afterwards. Synchronous on purpose: the culture is
    /// thread state, and no await may run while it is swapped.
    /// </summary>
    public static T InCulture<T>(string locale, Func<T> render)
    {
        var culture = Culture(locale);
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = current;
        }
    }

    /// <summary>A tenant's locale as a culture; an unknown one (validation allows en and zh-CN) falls back to English.</summary>
    public static CultureInfo Culture(string? locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(locale) ? "en" : locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("en");
        }
    }
}
