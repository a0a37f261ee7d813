using System.Globalization;
using Microsoft.JSInterop;

namespace Platform.Console.Services;

/// <summary>
/// The console speaks en and zh-CN (resource files under Resources/). The person's choice is kept in localStorage;
/// without one the browser's first language decides. Switching reloads the app so every text and number is redrawn.
/// Texts follow the language; dates and numbers follow the person's own region within that language: an en-US
/// browser keeps month-first dates, en-AU or en-IN theirs. Without a region of that language (an English console in a
/// German browser, or a bare "en") English falls back to en-GB — day-first dates and a 24-hour clock, read the same
/// way nearly everywhere our tenants sell — not to .NET's "en", whose invariant-US 1/4/2027 is ambiguous to most staff.
/// </summary>
public static class ConsoleCulture
{
    public static readonly IReadOnlyList<string> Supported = ["en", "zh-CN"];

    private const string StorageKey = "console.culture";

    /// <summary>The language of the texts (UI culture) and the culture that formats dates and numbers.</summary>
    public static async Task<(CultureInfo Texts, CultureInfo Formats)> ChooseAsync(IJSRuntime js)
    {
        var browser = await js.InvokeAsync<string?>("platformConsole.language") ?? "en";
        var chosen = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey) ?? browser;
        var texts = CultureInfo.GetCultureInfo(chosen.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en");
        return (texts, Formats(texts, browser));
    }

    /// <summary>The browser's specific culture when it is of the console's language, else en-GB for English, zh-CN for Chinese.</summary>
    public static CultureInfo Formats(CultureInfo texts, string browser)
    {
        try
        {
            var own = CultureInfo.GetCultureInfo(browser);
            if (!own.IsNeutralCulture && own.TwoLetterISOLanguageName == texts.TwoLetterISOLanguageName)
            {
                return own;
            }
        }
        catch (CultureNotFoundException)
        {
            // A language tag .NET does not know: the default below.
        }

        return CultureInfo.GetCultureInfo(texts.TwoLetterISOLanguageName == "zh" ? "zh-CN" : "en-GB");
    }

    public static ValueTask SaveAsync(IJSRuntime js, string culture) => js.InvokeVoidAsync("localStorage.setItem", StorageKey, culture);
}
