using System.Globalization;
using Microsoft.JSInterop;

namespace Platform.Console.Services;

/// <summary>
/// The console speaks en and zh-CN (resource files under Resources/). The person's choice is kept in localStorage;
/// without one the browser's first language decides. Switching reloads the app so every text and number is redrawn.
/// </summary>
public static class ConsoleCulture
{
    public static readonly IReadOnlyList<string> Supported = ["en", "zh-CN"];

    private const string StorageKey = "console.culture";

    public static async Task<CultureInfo> ChooseAsync(IJSRuntime js)
    {
        var chosen = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey)
            ?? await js.InvokeAsync<string?>("platformConsole.language");
        return CultureInfo.GetCultureInfo(chosen?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? "zh-CN" : "en");
    }

    public static ValueTask SaveAsync(IJSRuntime js, string culture) => js.InvokeVoidAsync("localStorage.setItem", StorageKey, culture);
}
