using Platform.Pricing;
using Platform.Pricing.Engine;
using Platform.Sales;

namespace Platform.UnitTests.Pricing;

public sealed partial class PricingEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Stalls = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Balcony = Guid.Parse("00000000-0000-0000-0000-0000000000a2");

    private static PricingRuleDefinition Rule(PricingRuleKind kind, Adjustment value, int n = 1) =>
        new(Guid.Parse($"00000000-0000-0000-0000-{n:D12}"), $"{kind} {n}", kind) { Value = value };

    private static PricingLineInput Line(long unit, int qty, Audience audience = Audience.Adult, Guid? type = null) =>
        new(type ?? Stalls, null, audience, qty, unit);

    private static PriceQuote Quote(string currency, IReadOnlyList<PricingLineInput> lines, params PricingRuleDefinition[] rules) =>
        Price(new PricingInput(currency, lines, rules, SalesChannel.Web, Now));

    private static PriceQuote Price(PricingInput input)
    {
        var result = PricingEngine.Price(input);
        Assert.False(result.IsRefused, result.Refusal?.Message);
        AssertReAdds(result.Quote!);
        return result.Quote!;
    }

    /// <summary>The invariant every quote keeps: its parts add up exactly to its total.</summary>
    private static void AssertReAdds(PriceQuote q)
    {
        var exclusiveTax = q.TaxInclusive ? 0 : q.Tax;
        Assert.Equal(q.Total, q.Subtotal - q.Discount + q.Fees + exclusiveTax);
        Assert.Equal(q.Total, q.Lines.Sum(l => l.Total) + q.Charges.Sum(c => c.Total));
        Assert.Equal(q.Subtotal, q.Lines.Sum(l => l.BaseAmount));
        foreach (var line in q.Lines)
        {
            Assert.Equal(line.BaseAmount, line.UnitPrice * line.Quantity);
            Assert.Equal(line.Total, line.BaseAmount + line.Applied.Where(a => !a.Included).Sum(a => a.Amount));
            Assert.Equal(line.Tax, line.Applied.Where(a => a.Kind == "tax").Sum(a => a.Amount));
        }
    }

    [Fact]
    public void Price_NoRules_TotalIsBasePrice()
    {
        var q = Quote("EUR", [Line(2500, 2), Line(1000, 1, type: Balcony)]);

        Assert.Equal(6000, q.Subtotal);
        Assert.Equal(6000, q.Total);
        Assert.All(q.Lines, l => Assert.Empty(l.Applied));
    }

    [Fact]
    public void Price_ChildPercentageDiscount_AppliesToChildLineOnlyWithProof()
    {
        var child = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(5000)) with { Audience = Audience.Child, Proof = "ID with date of birth" };

        var q = Quote("EUR", [Line(2000, 2, Audience.Child), Line(2000, 1)], child);

        Assert.Equal(2000, q.Lines[0].Discount);
        Assert.Equal("ID with date of birth", q.Lines[0].ProofRequired);
        var applied = Assert.Single(q.Lines[0].Applied);
        Assert.Equal(child.Id, applied.RuleId);
        Assert.Equal("audience_discount", applied.Kind);
        Assert.Contains("ID with date of birth", applied.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, q.Lines[1].Discount);
        Assert.Null(q.Lines[1].ProofRequired);
        Assert.Equal(4000, q.Total);
    }

    [Fact]
    public void Price_FixedSeniorDiscount_IsPerTicketAndNeverBelowZero()
    {
        var senior = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Fixed(500, "EUR")) with { Audience = Audience.Senior };
        var big = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Fixed(5000, "EUR"), 2) with { Audience = Audience.Student };

        var q = Quote("EUR", [Line(2000, 3, Audience.Senior), Line(2000, 1, Audience.Student)], senior, big);

        Assert.Equal(1500, q.Lines[0].Discount);
        Assert.Equal(2000, q.Lines[1].Discount);
        Assert.Equal(0, q.Lines[1].Total);
    }

    [Fact]
    public void Price_TwoAudienceRulesForSameAudience_OnlyTheBestApplies()
    {
        var small = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(1000)) with { Audience = Audience.Student };
        var large = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(2500), 2) with { Audience = Audience.Student };

        var q = Quote("EUR", [Line(4000, 1, Audience.Student)], small, large);

        Assert.Equal(large.Id, Assert.Single(q.Lines[0].Applied).RuleId);
        Assert.Equal(3000, q.Total);
    }

    [Fact]
    public void Price_EarlyBirdUntilDate_AppliesBeforeAndNotAfter()
    {
        var early = Rule(PricingRuleKind.EarlyBird, Adjustment.Percent(2000)) with { ValidUntil = Now.AddDays(1) };
        var lines = new[] { Line(5000, 2) };

        var before = Price(new PricingInput("EUR", lines, [early], SalesChannel.Web, Now));
        var after = Price(new PricingInput("EUR", lines, [early], SalesChannel.Web, Now.AddDays(1)));

        Assert.Equal(8000, before.Total);
        Assert.Equal("early_bird", Assert.Single(before.Lines[0].Applied).Kind);
        Assert.Equal(10000, after.Total);
    }

    [Fact]
    public void Price_EarlyBirdFirstN_OnlyRemainingTicketsGetIt()
    {
        var early = Rule(PricingRuleKind.EarlyBird, Adjustment.Fixed(1000, "EUR")) with { FirstTickets = 100 };
        var input = new PricingInput("EUR", [Line(5000, 3), Line(5000, 2, type: Balcony)], [early], SalesChannel.Web, Now)
        {
            TicketsAlreadySold = 98,
        };

        var q = Price(input);

        Assert.Equal(2000, q.Lines[0].Discount);
        Assert.Equal(0, q.Lines[1].Discount);
        Assert.Contains("2 of 3", q.Lines[0].Applied[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_EarlyBirdFirstN_AllSold_NoDiscount()
    {
        var early = Rule(PricingRuleKind.EarlyBird, Adjustment.Percent(5000)) with { FirstTickets = 10 };

        var q = Price(new PricingInput("EUR", [Line(5000, 1)], [early], SalesChannel.Web, Now) { TicketsAlreadySold = 10 });

        Assert.Equal(5000, q.Total);
    }

    [Fact]
    public void Price_QuantityTier_AppliesFromThreshold()
    {
        var tier = Rule(PricingRuleKind.QuantityTier, Adjustment.Percent(1000)) with { MinQuantity = 6 };

        var five = Quote("EUR", [Line(1000, 3), Line(1000, 2, type: Balcony)], tier);
        var six = Quote("EUR", [Line(1000, 3), Line(1000, 3, type: Balcony)], tier);

        Assert.Equal(5000, five.Total);
        Assert.Equal(5400, six.Total);
        Assert.All(six.Lines, l => Assert.Equal("quantity_tier", Assert.Single(l.Applied).Kind));
    }

    [Fact]
    public void Price_QuantityTierRestrictedToTicketType_CountsAndDiscountsThatTypeOnly()
    {
        var tier = Rule(PricingRuleKind.QuantityTier, Adjustment.Percent(1000)) with { MinQuantity = 4, TicketTypeIds = [Balcony] };

        var q = Quote("EUR", [Line(1000, 3), Line(1000, 3, type: Balcony)], tier);

        Assert.Equal(6000, q.Total);
    }

    [Fact]
    public void Price_HigherTierReached_BestTierApplies()
    {
        var ten = Rule(PricingRuleKind.QuantityTier, Adjustment.Percent(1000)) with { MinQuantity = 6 };
        var twenty = Rule(PricingRuleKind.QuantityTier, Adjustment.Percent(2000), 2) with { MinQuantity = 10 };

        var q = Quote("EUR", [Line(1000, 10)], ten, twenty);

        Assert.Equal(twenty.Id, Assert.Single(q.Lines[0].Applied).RuleId);
        Assert.Equal(8000, q.Total);
    }

    [Fact]
    public void Price_AudienceEarlyBirdTierAndPromo_StackInOrderEachOnTheReducedPrice()
    {
        var child = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(5000), 1) with { Audience = Audience.Child };
        var early = Rule(PricingRuleKind.EarlyBird, Adjustment.Percent(1000), 2) with { ValidUntil = Now.AddDays(3) };
        var tier = Rule(PricingRuleKind.QuantityTier, Adjustment.Percent(1000), 3) with { MinQuantity = 6 };
        var promo = new PromoDefinition(Guid.NewGuid(), "SPRING", Adjustment.Fixed(100, "EUR"));
        var input = new PricingInput("EUR", [Line(10000, 6, Audience.Child)], [tier, early, child], SalesChannel.Web, Now)
        {
            Promo = promo,
        };

        var q = Price(input);

        // 60000 −50% = 30000; −10% = 27000; −10% = 24300; −6 × 100 = 23700.
        Assert.Equal(["audience_discount", "early_bird", "quantity_tier", "promo_code"], q.Lines[0].Applied.Select(a => a.Kind));
        Assert.Equal([-30000L, -3000, -2700, -600], q.Lines[0].Applied.Select(a => a.Amount));
        Assert.Equal(23700, q.Total);
        Assert.Equal("SPRING", q.PromoCode);
    }

    [Fact]
    public void Price_PerTicketFeeOnDiscountedPrice_AndPerOrderFeeOnce()
    {
        var student = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(2000), 1) with { Audience = Audience.Student };
        var pct = Rule(PricingRuleKind.ServiceFee, Adjustment.Percent(1000), 2);
        var booking = Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(250, "EUR"), 3) with { FeeBasis = FeeBasis.PerOrder };

        var q = Quote("EUR", [Line(5000, 2, Audience.Student)], student, pct, booking);

        Assert.Equal(800, q.Lines[0].Fees);
        var charge = Assert.Single(q.Charges);
        Assert.Equal(250, charge.Amount);
        Assert.Equal(booking.Id, charge.RuleId);
        Assert.Equal(1050, q.Fees);
        Assert.Equal(8000 + 800 + 250, q.Total);
    }

    [Fact]
    public void Price_FreeTickets_CarryNoFees()
    {
        var comp = Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(10000), 1) with { Audience = Audience.Child };
        var perTicket = Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(150, "EUR"), 2);
        var perOrder = Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(200, "EUR"), 3) with { FeeBasis = FeeBasis.PerOrder };

        var q = Quote("EUR", [Line(3000, 2, Audience.Child)], comp, perTicket, perOrder);

        Assert.Equal(0, q.Total);
        Assert.Empty(q.Charges);
    }

    [Fact]
    public void Price_ExclusiveTax_AddedOnTicketsAndFees()
    {
        var fee = Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(100, "EUR"), 1) with { FeeBasis = FeeBasis.PerOrder };
        var vat = Rule(PricingRuleKind.Tax, Adjustment.Percent(1900), 2);

        var q = Quote("EUR", [Line(1000, 3)], fee, vat);

        Assert.False(q.TaxInclusive);
        Assert.Equal(589, q.Tax); // 19% of 3100
        Assert.Equal(3100 + 589, q.Total);
    }

    [Fact]
    public void Price_InclusiveTax_ExtractedFromPriceAndTotalUnchanged()
    {
        var vat = Rule(PricingRuleKind.Tax, Adjustment.Percent(1900)) with { TaxInclusive = true };

        var q = Quote("EUR", [Line(11900, 1)], vat);

        Assert.True(q.TaxInclusive);
        Assert.Equal(1900, q.Tax);
        Assert.Equal(11900, q.Total);
        Assert.True(Assert.Single(q.Lines[0].Applied).Included);
    }

    [Fact]
    public void Price_MixedInclusiveAndExclusiveTax_IsRefused()
    {
        var a = Rule(PricingRuleKind.Tax, Adjustment.Percent(1900), 1) with { TaxInclusive = true };
        var b = Rule(PricingRuleKind.Tax, Adjustment.Percent(500), 2);

        var result = PricingEngine.Price(new PricingInput("EUR", [Line(1000, 1)], [a, b], SalesChannel.Web, Now));

        Assert.Equal("tax_mode_conflict", result.Refusal?.Code);
    }

    [Fact]
    public void Price_TaxOverManyLines_AllocatesRoundingSoLinesAddUp()
    {
        var vat = Rule(PricingRuleKind.Tax, Adjustment.Percent(700));
        // 7% of 3 × 333 = 69.93 → 70 on the order; per line 23.31 each would give 69 if rounded per line.
        var q = Quote("EUR", [Line(333, 1), Line(333, 1, type: Balcony), Line(333, 1, Audience.Senior)], vat);

        Assert.Equal(70, q.Tax);
        Assert.Equal([24L, 23, 23], q.Lines.Select(l => l.Tax));
        Assert.Equal(999 + 70, q.Total);
    }

    [Theory]
    [InlineData("EUR", 1255, 126)]  // 10% of 12.55 = 1.255 → 1.26 (half-up)
    [InlineData("JPY", 1255, 126)]  // 10% of ¥1255 = ¥125.5 → ¥126 (no minor unit)
    [InlineData("KWD", 12345, 1235)] // 10% of 12.345 KWD = 1.2345 → 1.235 (three digits)
    [InlineData("EUR", 1254, 125)]
    public void Price_PercentageDiscount_RoundsHalfUpToTheCurrencyMinorUnit(string currency, long unit, long expectedDiscount)
    {
        var promo = new PromoDefinition(Guid.NewGuid(), "TEN", Adjustment.Percent(1000));

        var q = Price(new PricingInput(currency, [Line(unit, 1)], [], SalesChannel.Web, Now) { Promo = promo });

        Assert.Equal(expectedDiscount, q.Discount);
        Assert.Equal(unit - expectedDiscount, q.Total);
    }

    [Theory]
    [InlineData("EUR", 1250, "EUR 12.50")]
    [InlineData("JPY", 1250, "JPY 1250")]
    [InlineData("KWD", 1250, "KWD 1.250")]
    public void Format_WritesAmountWithCurrencyDigits(string currency, long amount, string expected) =>
        Assert.Equal(expected, MinorUnits.Format(amount, currency));

    [Fact]
    public void Price_JpyInclusiveTax_WholeYenAndReAdds()
    {
        var vat = Rule(PricingRuleKind.Tax, Adjustment.Percent(1000)) with { TaxInclusive = true };
        var fee = Rule(PricingRuleKind.ServiceFee, Adjustment.Percent(333), 2);

        var q = Quote("JPY", [Line(4999, 3), Line(2500, 1, Audience.Child)], vat, fee);

        // Fees: 3.33% of 14997 = 499.4 → 499; of 2500 = 83.25 → 83. Gross 18079; tax = 18079 × 10/110 = 1643.5 → 1644.
        Assert.Equal(582, q.Fees);
        Assert.Equal(1644, q.Tax);
        Assert.Equal(18079, q.Total);
    }

    [Fact]
    public void Price_ExhaustedVoucher_IsRefused()
    {
        var promo = new PromoDefinition(Guid.NewGuid(), "ONCE", Adjustment.Percent(5000)) { MaxUses = 1, UsedTotal = 1 };

        var result = PricingEngine.Price(new PricingInput("EUR", [Line(1000, 1)], [], SalesChannel.Web, Now) { Promo = promo });

        Assert.Equal("promo_exhausted", result.Refusal?.Code);
        Assert.Equal("promoCode", result.Refusal?.Field);
        Assert.Null(result.Quote);
    }

    [Fact]
    public void Price_PerBuyerLimit_RefusedWhenReachedOrBuyerUnknown()
    {
        var promo = new PromoDefinition(Guid.NewGuid(), "FAN", Adjustment.Percent(1000)) { MaxUsesPerBuyer = 2, UsedTotal = 5 };
        PricingResult With(int? used) => PricingEngine.Price(
            new PricingInput("EUR", [Line(1000, 1)], [], SalesChannel.Web, Now) { Promo = promo with { UsedByBuyer = used } });

        Assert.Equal("promo_buyer_limit_reached", With(2).Refusal?.Code);
        Assert.Equal("buyer_email_required", With(null).Refusal?.Code);
        Assert.Equal(900, With(1).Quote?.Total);
    }

    [Fact]
    public void Price_ExpiredOrNotYetValidPromo_IsRefused()
    {
        var promo = new PromoDefinition(Guid.NewGuid(), "SUMMER", Adjustment.Percent(1000)) { ValidFrom = Now.AddDays(-10), ValidUntil = Now };
        PricingResult At(DateTimeOffset now) => PricingEngine.Price(
            new PricingInput("EUR", [Line(1000, 1)], [], SalesChannel.Web, now) { Promo = promo });

        Assert.Equal("promo_expired", At(Now).Refusal?.Code);
        Assert.Equal("promo_not_yet_valid", At(Now.AddDays(-11)).Refusal?.Code);
        Assert.Equal(900, At(Now.AddSeconds(-1)).Quote?.Total);
    }

    [Fact]
    public void Price_PromoRestrictedToTicketTypes_DiscountsOnlyThoseOrRefusesWhenNone()
    {
        var promo = new PromoDefinition(Guid.NewGuid(), "BALC", Adjustment.Percent(5000)) { TicketTypeIds = [Balcony] };

        var mixed = Price(new PricingInput("EUR", [Line(1000, 1), Line(1000, 1, type: Balcony)], [], SalesChannel.Web, Now) { Promo = promo });
        var none = PricingEngine.Price(new PricingInput("EUR", [Line(1000, 1)], [], SalesChannel.Web, Now) { Promo = promo });

        Assert.Equal(0, mixed.Lines[0].Discount);
        Assert.Equal(500, mixed.Lines[1].Discount);
        Assert.Equal("promo_not_applicable", none.Refusal?.Code);
    }

    [Fact]
    public void Price_RuleRestrictedToTicketTypeOrChannel_IgnoredElsewhere()
    {
        var typed = Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(100, "EUR"), 1) with { TicketTypeIds = [Balcony] };
        var boxOffice = Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(50, "EUR"), 2) with { Channels = [SalesChannel.BoxOffice] };

        var q = Quote("EUR", [Line(1000, 2), Line(1000, 1, type: Balcony)], typed, boxOffice);

        Assert.Equal(0, q.Lines[0].Fees);
        Assert.Equal(100, q.Lines[1].Fees);
    }

    [Fact]
    public void Price_FixedRuleInAnotherCurrency_IsRefused()
    {
        var fee = Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(100, "USD"));

        var result = PricingEngine.Price(new PricingInput("EUR", [Line(1000, 1)], [fee], SalesChannel.Web, Now));

        Assert.Equal("currency_mismatch", result.Refusal?.Code);
    }

    [Fact]
    public void Price_SameInput_SameQuote()
    {
        var rules = new[]
        {
            Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(3333), 1) with { Audience = Audience.Senior },
            Rule(PricingRuleKind.ServiceFee, Adjustment.Percent(750), 2),
            Rule(PricingRuleKind.Tax, Adjustment.Percent(2100), 3),
        };
        var input = new PricingInput("EUR", [Line(1999, 3, Audience.Senior), Line(2999, 2)], rules, SalesChannel.Web, Now);

        var first = Price(input);
        var second = Price(input with { Rules = [.. rules.Reverse()] });

        Assert.Equal(first.Total, second.Total);
        Assert.Equal(first.Lines.Select(l => l.Total), second.Lines.Select(l => l.Total));
    }

    [Fact]
    public void Allocate_PartsAlwaysSumToTotal()
    {
        var random = new Random(42);
        for (var run = 0; run < 500; run++)
        {
            var weights = Enumerable.Range(0, random.Next(1, 8)).Select(_ => (long)random.Next(0, 100_000)).ToArray();
            var total = random.Next(0, 50_000);

            var parts = MinorUnits.Allocate(total, weights);

            Assert.Equal(weights.Sum() == 0 ? 0 : total, parts.Sum());
            Assert.All(parts, p => Assert.True(p >= 0));
        }
    }

    [Fact]
    public void Price_RandomOrders_AlwaysReAdd()
    {
        var random = new Random(7);
        foreach (var currency in new[] { "EUR", "JPY", "KWD" })
        {
            for (var run = 0; run < 200; run++)
            {
                var rules = new List<PricingRuleDefinition>
                {
                    Rule(PricingRuleKind.AudienceDiscount, Adjustment.Percent(random.Next(0, 10_001)), 1) with { Audience = Audience.Child },
                    Rule(PricingRuleKind.QuantityTier, Adjustment.Percent(random.Next(0, 3000)), 2) with { MinQuantity = random.Next(1, 8) },
                    Rule(PricingRuleKind.ServiceFee, Adjustment.Percent(random.Next(0, 2000)), 3),
                    Rule(PricingRuleKind.ServiceFee, Adjustment.Fixed(random.Next(0, 500), currency), 4) with { FeeBasis = FeeBasis.PerOrder },
                    Rule(PricingRuleKind.Tax, Adjustment.Percent(random.Next(0, 2500)), 5) with { TaxInclusive = random.Next(2) == 0 },
                };
                var lines = Enumerable.Range(0, random.Next(1, 5))
                    .Select(_ => Line(random.Next(0, 100_000), random.Next(1, 9), (Audience)random.Next(0, 4)))
                    .ToList();

                Price(new PricingInput(currency, lines, rules, SalesChannel.Web, Now));
            }
        }
    }
}
