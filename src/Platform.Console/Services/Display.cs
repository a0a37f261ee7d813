using System.Globalization;
using System.Text;

namespace Platform.Console.Services;

/// <summary>How the console writes the API's values: money as the person's locale writes it, enums by their wire name.</summary>
public static class Display
{
    /// <summary>ISO 4217 currencies whose minor unit is not a hundredth (docs/api.md: money is minor units).</summary>
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0, ["KWD"] = 3, ["BHD"] = 3, ["JOD"] = 3, ["OMR"] = 3, ["TND"] = 3,
    };

    public static string Money(long minor, string currency)
    {
        var exponent = Exponents.GetValueOrDefault(currency, 2);
        var amount = minor / (decimal)Math.Pow(10, exponent);
        return amount.ToString("N" + exponent, CultureInfo.CurrentCulture) + " " + currency.ToUpperInvariant();
    }

    /// <summary>An amount the person typed (in their culture's notation) as the API's minor units; null when it is not one.</summary>
    public static long? ToMinor(string? typed, string currency)
    {
        if (!decimal.TryParse(typed, NumberStyles.Number, CultureInfo.CurrentCulture, out var amount) || amount < 0)
        {
            return null;
        }

        var scaled = amount * (decimal)Math.Pow(10, Exponents.GetValueOrDefault(currency, 2));
        return scaled == decimal.Truncate(scaled) ? (long)scaled : null;
    }

    public static string When(DateTimeOffset? at) => at?.ToLocalTime().ToString("g", CultureInfo.CurrentCulture) ?? "—";

    /// <summary>
    /// The API's snake_case name of an SDK enum value (On_sale or OnSale → on_sale), the key of its localized label.
    /// Pages compare these names, not enum members, so the SDK may rename its members without touching a page.
    /// </summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && name[i - 1] != '_')
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    }
}
