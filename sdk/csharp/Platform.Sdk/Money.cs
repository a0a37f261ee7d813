using System.Globalization;

namespace Ticketing.Platform.Sdk;

/// <summary>
/// An amount as the API sends it: an integer count of minor units plus an ISO 4217 currency (<c>1999 EUR</c> is
/// €19.99, <c>1999 JPY</c> is ¥1,999, <c>1999 KWD</c> is 1.999 KD).
/// </summary>
/// <param name="Amount">Minor units.</param>
/// <param name="Currency">ISO 4217 code.</param>
public readonly record struct Money(long Amount, string Currency)
{
    // ISO 4217 currencies whose minor unit is not 2 digits; the rest have cents.
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0, ["PYG"] = 0,
        ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3, ["CLF"] = 4, ["UYW"] = 4,
    };

    /// <summary>Digits after the decimal point of <paramref name="currency"/> (2 unless ISO 4217 says otherwise).</summary>
    /// <param name="currency">ISO 4217 code.</param>
    public static int MinorDigits(string currency) => Exponents.TryGetValue(currency, out var digits) ? digits : 2;

    /// <summary>The amount in major units (19.99 for 1999 EUR).</summary>
    public decimal Major => Amount / (decimal)Math.Pow(10, MinorDigits(Currency));

    /// <summary>Formats for people, in <paramref name="culture"/>'s number format with the currency's own digits: "€19.99", "¥1,999".</summary>
    /// <param name="culture">The culture (default: the current one).</param>
    public string Format(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(Currency);
        format.CurrencyDecimalDigits = MinorDigits(Currency);
        return Major.ToString("C", format);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Major.ToString("F" + MinorDigits(Currency), CultureInfo.InvariantCulture)} {Currency}";

    private static string Symbol(string currency) => currency.ToUpperInvariant() switch
    {
        "EUR" => "€", "USD" => "$", "GBP" => "£", "JPY" => "¥", "CNY" => "¥", "KRW" => "₩", "INR" => "₹", "CHF" => "CHF ",
        var other => other + " ",
    };
}

/// <summary>The generated money shape as <see cref="Money"/>.</summary>
public partial class MoneyResponse
{
    /// <summary>This price as <see cref="Money"/> (for formatting).</summary>
    public Money ToMoney() => new(Amount, Currency);
}
