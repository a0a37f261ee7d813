using System.Globalization;
using Platform.Money;

namespace Platform.Api.Storefront;

/// <summary>
/// Prices as the buyer's language writes them with the currency's own symbol: £25.00, $40.00, ¥280 (yuan shown
/// without fen when there are none, as Chinese shops do), €12.50. Minor-unit digits come from <see cref="Currencies"/>.
/// </summary>
public static class StorefrontMoney
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["GBP"] = "£", ["USD"] = "$", ["EUR"] = "€", ["CNY"] = "¥", ["JPY"] = "¥", ["HKD"] = "HK$", ["AUD"] = "A$", ["CAD"] = "C$",
        ["SGD"] = "S$", ["CHF"] = "CHF ",
    };

    public static string Format(long minor, string currency, CultureInfo culture)
    {
        var digits = Currencies.MinorUnitDigits(currency);
        var amount = minor / (decimal)Math.Pow(10, digits);
        if (currency == "CNY" && amount == decimal.Truncate(amount))
        {
            digits = 0;
        }

        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbols.TryGetValue(currency, out var symbol) ? symbol : currency + " ";
        format.CurrencyDecimalDigits = digits;
        // Symbol first, minus before it: the way both languages write a price.
        format.CurrencyPositivePattern = 0;
        format.CurrencyNegativePattern = 1;
        return amount.ToString("C", format);
    }
}
