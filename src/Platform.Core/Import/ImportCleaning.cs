using System.Globalization;
using System.Text;
using Platform.Money;

namespace Platform.Import;

/// <summary>
/// The cleaning rules a legacy row passes before it is judged: trimmed text, dates in the formats old systems write
/// (read in the tenant's time zone unless they carry an offset), phone numbers reduced to digits with an international
/// prefix, and amounts such as "¥1,280.00", "1280" or "12.80 EUR" turned into minor units of a currency.
/// Each returns null with a reason code when the text cannot be read, so the row is rejected rather than guessed.
/// </summary>
public static class ImportCleaning
{
    /// <summary>Accepted date formats; the first group carries an offset, the rest are wall-clock times in the tenant's zone.</summary>
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK"];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
        "yyyy/MM/dd HH:mm", "yyyy/M/d H:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd",
        "dd.MM.yyyy HH:mm", "d.M.yyyy H:mm", "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy",
    ];

    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["¥"] = "CNY", ["￥"] = "CNY", ["元"] = "CNY", ["RMB"] = "CNY", ["€"] = "EUR", ["$"] = "USD", ["US$"] = "USD", ["£"] = "GBP", ["HK$"] = "HKD",
    };

    /// <summary>Trims and collapses a cell's surrounding and non-breaking spaces (old exports pad with both).</summary>
    public static string Clean(string? text) => (text ?? "").Replace('\u00A0', ' ').Replace('\u3000', ' ').Trim();

    /// <summary>A date in ISO, yyyy/MM/dd HH:mm or dd.MM.yyyy HH:mm; without an offset it is a wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? Date(string text, TimeZoneInfo zone)
    {
        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset.ToUniversalTime();
        }

        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A wall-clock time skipped by a daylight-saving change does not exist; reading it an hour later is what clocks did.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// A phone number as "+" and digits when it says its country (a leading + or 00), else digits only; null for blank.
    /// Fewer than 5 or more than 15 digits (E.164's maximum) is no phone number: <paramref name="valid"/> is false.
    /// </summary>
    public static string? Phone(string text, out bool valid)
    {
        valid = true;
        if (text.Length == 0)
        {
            return null;
        }

        var digits = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits.Append(ch);
            }
            else if (ch is not (' ' or '-' or '(' or ')' or '.' or '/' or '+'))
            {
                valid = false;
                return null;
            }
        }

        var international = text.StartsWith('+') || digits.ToString().StartsWith("00", StringComparison.Ordinal);
        var number = digits.ToString().StartsWith("00", StringComparison.Ordinal) ? digits.ToString()[2..] : digits.ToString();
        if (number.Length is < 5 or > 15)
        {
            valid = false;
            return null;
        }

        return international ? "+" + number : number;
    }

    /// <summary>
    /// An amount in minor units and its currency: a symbol (¥, €, $, £) or code before or after the number, or the
    /// <paramref name="currencyCell"/>, or else the tenant's currency. Thousands separators go; a decimal point stays;
    /// more decimals than the currency has is refused (not rounded). Reason codes: price_unreadable, currency_unknown, currency_conflict.
    /// </summary>
    public static (long Minor, string Currency)? Amount(string text, string currencyCell, string tenantCurrency, out string? reason)
    {
        reason = null;
        var rest = text.Replace(" ", "", StringComparison.Ordinal);
        string? found = null;
        foreach (var (symbol, code) in Symbols.OrderByDescending(s => s.Key.Length))
        {
            if (rest.Contains(symbol, StringComparison.OrdinalIgnoreCase))
            {
                found = code;
                rest = rest.Replace(symbol, "", StringComparison.OrdinalIgnoreCase);
                break;
            }
        }

        if (!rest.Any(char.IsAsciiDigit))
        {
            reason = "price_unreadable"; // "twenty" is no amount, whatever its letters might spell
            return null;
        }

        var letters = new string([.. rest.Where(char.IsAsciiLetter)]);
        if (letters.Length > 0)
        {
            if (letters.Length != 3 || !Currencies.IsKnown(letters.ToUpperInvariant()))
            {
                reason = "currency_unknown";
                return null;
            }

            if (found is not null && found != letters.ToUpperInvariant())
            {
                reason = "currency_conflict";
                return null;
            }

            found = letters.ToUpperInvariant();
            rest = new string([.. rest.Where(c => !char.IsAsciiLetter(c))]);
        }

        var column = currencyCell.ToUpperInvariant();
        if (column.Length > 0)
        {
            if (!Currencies.IsKnown(column))
            {
                reason = "currency_unknown";
                return null;
            }

            if (found is not null && found != column)
            {
                reason = "currency_conflict";
                return null;
            }

            found = column;
        }

        var currency = found ?? tenantCurrency;
        rest = rest.Replace(",", "", StringComparison.Ordinal);
        if (rest.Length == 0 || !decimal.TryParse(rest, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            reason = "price_unreadable";
            return null;
        }

        var scale = (decimal)Math.Pow(10, Currencies.MinorUnitDigits(currency));
        var minor = major * scale;
        if (minor != decimal.Truncate(minor) || minor > long.MaxValue / 2)
        {
            reason = "price_unreadable";
            return null;
        }

        return ((long)minor, currency);
    }

    /// <summary>The legacy status as ours: valid (paid, used, issued) or cancelled (refunded, void); null if unknown.</summary>
    public static bool? IsValidStatus(string text) => text.ToLowerInvariant() switch
    {
        "" or "paid" or "valid" or "issued" or "used" or "checked_in" or "已支付" or "有效" => true,
        "cancelled" or "canceled" or "refunded" or "void" or "已取消" or "已退款" => false,
        _ => null,
    };
}
