using System.Globalization;
using Platform.Money;

namespace Platform.Pricing.Engine;

/// <summary>
/// Integer arithmetic on minor units. Every amount is already a whole number of the currency's smallest unit (cents,
/// yen, fils), so rounding to an integer here is rounding to the currency's minor unit.
/// </summary>
public static class MinorUnits
{
    /// <summary>numerator / denominator rounded half away from zero (half-up for the non-negative amounts we price).</summary>
    public static long DivideRounded(Int128 numerator, Int128 denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator));
        }

        var quotient = Int128.DivRem(Int128.Abs(numerator), denominator);
        var rounded = quotient.Quotient + (quotient.Remainder * 2 >= denominator ? 1 : 0);
        return (long)(numerator < 0 ? -rounded : rounded);
    }

    /// <summary>amount × basisPoints / 10,000, rounded half-up.</summary>
    public static long Percent(long amount, int basisPoints) => DivideRounded((Int128)amount * basisPoints, 10_000);

    /// <summary>
    /// Splits <paramref name="total"/> over parts in proportion to <paramref name="weights"/> so the parts add up
    /// exactly: each part is floored, then the leftover units go to the largest remainders (ties: earliest part).
    /// </summary>
    public static long[] Allocate(long total, IReadOnlyList<long> weights)
    {
        var parts = new long[weights.Count];
        Int128 sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }

        if (sum == 0 || total == 0)
        {
            return parts;
        }

        var remainders = new Int128[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var (q, r) = Int128.DivRem((Int128)total * weights[i], sum);
            parts[i] = (long)q;
            remainders[i] = r;
            allocated += parts[i];
        }

        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToList();
        for (var k = 0; allocated < total; k++, allocated++)
        {
            parts[order[k % order.Count]]++;
        }

        return parts;
    }

    /// <summary>"EUR 12.50", "JPY 1250", "KWD 1.250": the amount written with the currency's minor-unit digits.</summary>
    public static string Format(long amount, string currency)
    {
        var digits = Currencies.MinorUnitDigits(currency);
        var value = amount / (decimal)Pow10(digits);
        return $"{currency} {value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}";
    }

    public static string FormatPercent(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static long Pow10(int digits) => digits switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };
}
