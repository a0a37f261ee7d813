using System.Collections.Frozen;
using System.Globalization;

namespace Platform.Money;

/// <summary>
/// ISO 4217 currencies in use, with their minor-unit digits (JPY has none, KWD has three). Money is always an
/// integer count of minor units plus the currency code.
/// </summary>
public static class Currencies
{
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.ToFrozenSet(
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]);

    private static readonly FrozenSet<string> ThreeDecimal = FrozenSet.ToFrozenSet(
        ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

    /// <summary>Every currency some culture on this system uses, which is every currency a tenant can sell in.</summary>
    private static readonly FrozenSet<string> Known = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>()
        .Where(code => code.Length == 3 && code.All(char.IsAsciiLetterUpper))
        .Concat(["USD", "EUR", "GBP", "CNY", "JPY", "CHF", "AUD", "CAD", "HKD", "SGD"])
        .ToFrozenSet();

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);

    /// <summary>"EUR", 1999, "en" → "19.99 EUR"; "JPY", 1999 → "1,999 JPY". The code, not a symbol, so it is never ambiguous.</summary>
    public static string Format(long minorUnits, string code, string locale)
    {
        var digits = MinorUnitDigits(code);
        var amount = minorUnits / (decimal)Math.Pow(10, digits);
        return $"{amount.ToString("N" + digits, CultureInfo.GetCultureInfo(locale))} {code}";
    }

    public static int MinorUnitDigits(string code) =>
        ZeroDecimal.Contains(code) ? 0 : ThreeDecimal.Contains(code) ? 3 : 2;
}
