namespace Platform.Resellers;

/// <summary>Pure rules of reseller sales, kept apart so they can be unit tested.</summary>
public static class ResellerRules
{
    /// <summary>Commission on <paramref name="amount"/> minor units at <paramref name="bps"/> basis points, rounded half away from zero.</summary>
    public static long Commission(long amount, int bps) =>
        (long)Math.Round(amount * (decimal)bps / 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Whether <paramref name="quantity"/> tickets costing <paramref name="amount"/> in all sit within the per-ticket
    /// floor and ceiling (compared as totals, so no rounding of a per-ticket share decides).
    /// </summary>
    public static bool WithinPrice(long amount, int quantity, long? floor, long? ceiling) =>
        (floor is not { } f || amount >= f * quantity) && (ceiling is not { } c || amount <= c * quantity);

    /// <summary>Commission still owed on a line after refunds: pro rata to the tickets kept.</summary>
    public static long RemainingCommission(long commission, int quantity, int refundedQuantity) =>
        quantity <= 0 ? 0 : commission * (quantity - refundedQuantity) / quantity;
}
