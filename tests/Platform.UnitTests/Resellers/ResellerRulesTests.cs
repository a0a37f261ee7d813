using Platform.Resellers;

namespace Platform.UnitTests.Resellers;

public sealed class ResellerRulesTests
{
    [Theory]
    [InlineData(7500, 1000, 750)]
    [InlineData(2500, 1250, 313)] // 312.5 rounds half away from zero
    [InlineData(1, 4999, 0)]
    [InlineData(1, 5000, 1)]
    [InlineData(0, 10000, 0)]
    [InlineData(12345, 0, 0)]
    public void Commission_AmountAndBasisPoints_RoundsHalfAwayFromZero(long amount, int bps, long expected) =>
        Assert.Equal(expected, ResellerRules.Commission(amount, bps));

    [Theory]
    [InlineData(5000, 2, null, null, true)]
    [InlineData(5000, 2, 2500L, 2500L, true)]
    [InlineData(4999, 2, 2500L, null, false)]
    [InlineData(5001, 2, null, 2500L, false)]
    [InlineData(5001, 2, 2500L, 2501L, true)]
    public void WithinPrice_TotalsAgainstPerTicketBounds(long amount, int quantity, long? floor, long? ceiling, bool expected) =>
        Assert.Equal(expected, ResellerRules.WithinPrice(amount, quantity, floor, ceiling));

    [Theory]
    [InlineData(750, 3, 0, 750)]
    [InlineData(750, 3, 1, 500)]
    [InlineData(750, 3, 3, 0)]
    [InlineData(100, 3, 1, 66)]
    public void RemainingCommission_RefundedTickets_ProRata(long commission, int quantity, int refunded, long expected) =>
        Assert.Equal(expected, ResellerRules.RemainingCommission(commission, quantity, refunded));
}
