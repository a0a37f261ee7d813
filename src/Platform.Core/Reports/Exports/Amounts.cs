using Platform.Money;

namespace Platform.Reports.Exports;

/// <summary>Minor units as a decimal amount in major units (1234 EUR cents → 12.34; JPY has none), for spreadsheets.</summary>
public static class Amounts
{
    public static decimal Major(long minor, string currency)
    {
        var digits = Currencies.MinorUnitDigits(currency);
        var scale = 1m;
        for (var i = 0; i < digits; i++)
        {
            scale *= 10;
        }

        return minor / scale;
    }
}
