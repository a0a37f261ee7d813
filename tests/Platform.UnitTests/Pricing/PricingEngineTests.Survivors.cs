using Platform.Pricing;
using Platform.Pricing.Engine;
using Platform.Sales;

namespace Platform.UnitTests.Pricing;

/// <summary>
/// Cases written for mutants the Stryker run of 2026-12-05 showed surviving (docs/testing.md): each test fails with the
/// mutation named in its comment.
/// </summary>
public sealed partial class PricingEngineTests
{
    [Fact]
    public void Price_PercentagePerOrderFeeForOneTicketType_OnThoseLinesOnly()
    {
        // Mutants: fee computed as the fixed amount (0 for a percentage rule); lines of other types counted in.
        var balconyFee = Rule(PricingRuleKind.ServiceFee, Adjustment.Percent(1000), 1) with { FeeBasis = FeeBasis.PerOrder, TicketTypeIds = [Balcony] };

        var q = Quote("EUR", [Line(1000, 1), Line(2000, 1, type: Balcony)], balconyFee);

        var charge = Assert.Single(q.Charges);
        Assert.Equal(200, charge.Amount);
        Assert.Contains("10% of EUR 20.00 per order", charge.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_PromoDiscount_NamesThePromoAsItsRule()
    {
        // Mutant: the promo's id dropped from the applied line (vouchers-used reports count by it).
        var promo = new PromoDefinition(Guid.NewGuid(), "TEN", Adjustment.Percent(1000));

        var q = Price(new PricingInput("EUR", [Line(1000, 1)], [], SalesChannel.Web, Now) { Promo = promo });

        var applied = Assert.Single(q.Lines[0].Applied);
        Assert.Equal(promo.Id, applied.RuleId);
        Assert.Equal(-100, applied.Amount);
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, -1)]
    public void Price_LineWithoutQuantityOrWithNegativePrice_IsAProgrammingError(int quantity, long unit)
    {
        // Mutants: the input check removed or weakened (callers validate first; the engine still refuses).
        Assert.Throws<ArgumentException>(() => PricingEngine.Price(new PricingInput("EUR", [Line(unit, quantity)], [], SalesChannel.Web, Now)));
    }

    [Fact]
    public void Price_NoLines_IsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => PricingEngine.Price(new PricingInput("EUR", [], [], SalesChannel.Web, Now)));

    [Fact]
    public void Allocate_ByUnequalWeights_InProportion()
    {
        // Mutant: total / weight instead of total × weight (invisible with equal weights).
        Assert.Equal([10, 20, 70], MinorUnits.Allocate(100, [1, 2, 7]));
    }

    [Fact]
    public void Allocate_Leftover_GoesToLargestRemaindersThenEarliest()
    {
        // 100 over 1:1:1 → 33.3 each: the leftover unit to the first. 10 over 1:3 → 2.5 / 7.5: tie, the first.
        // 7 over 1:5 → 1.17 / 5.83: the larger remainder (second part) gets it. Mutant: smallest remainder first.
        Assert.Equal([34, 33, 33], MinorUnits.Allocate(100, [1, 1, 1]));
        Assert.Equal([3, 7], MinorUnits.Allocate(10, [1, 3]));
        Assert.Equal([1, 6], MinorUnits.Allocate(7, [1, 5]));
    }

    [Fact]
    public void Allocate_NothingToSplitOrNoWeight_AllZero()
    {
        // Mutant: "no weight and nothing to split" instead of "either" (then it divides by zero).
        Assert.Equal([0, 0], MinorUnits.Allocate(5, [0, 0]));
        Assert.Equal([0, 0], MinorUnits.Allocate(0, [1, 2]));
    }

    [Fact]
    public void DivideRounded_HalfAwayFromZero_AndRefusesZeroDenominator()
    {
        Assert.Equal(-3, MinorUnits.DivideRounded(-5, 2));
        Assert.Equal(3, MinorUnits.DivideRounded(5, 2));
        Assert.Equal(0, MinorUnits.DivideRounded(0, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinorUnits.DivideRounded(1, 0));
    }

    [Fact]
    public void FormatPercent_BasisPointsAsPercent() => Assert.Equal("12.5%", MinorUnits.FormatPercent(1250));
}
