namespace Platform.Pricing.Engine;

/// <summary>
/// Prices an order from its lines and the applicable rules. Pure and deterministic: the same input gives the same
/// quote, and every amount in it is explained. Order of application and stacking: docs/adr/0004-pricing-rule-order.md.
/// </summary>
public static class PricingEngine
{
    public static PricingResult Price(PricingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        var currency = input.Currency;
        var rules = input.Rules.Where(r => IsActive(r, input)).OrderBy(r => r.Id).ToList();

        if (rules.FirstOrDefault(r => r.Kind != PricingRuleKind.Tax && IsForeignFixed(r.Value, currency)) is { } foreign)
        {
            return Refuse("currency_mismatch", "currency",
                $"Rule '{foreign.Name}' has a fixed amount in {foreign.Value.Currency}, but the order is in {currency}.");
        }

        var lines = input.Lines.Select((l, i) => new LineState(i, l)).ToList();
        ApplyAudienceDiscounts(lines, rules, currency);
        ApplyEarlyBird(lines, rules, input, currency);
        ApplyQuantityTiers(lines, rules, currency);

        if (input.Promo is { } promo && ApplyPromo(lines, promo, input) is { } refusal)
        {
            return new PricingResult(null, refusal);
        }

        ApplyTicketFees(lines, rules, currency);
        var charges = OrderFees(lines, rules, currency);

        var taxes = rules.Where(r => r.Kind == PricingRuleKind.Tax).ToList();
        if (taxes.Select(t => t.TaxInclusive).Distinct().Count() > 1)
        {
            return Refuse("tax_mode_conflict", "rules", "Inclusive and exclusive tax rules cannot apply to the same order.");
        }

        var inclusive = taxes.Count > 0 && taxes[0].TaxInclusive;
        ApplyTaxes(lines, charges, taxes, inclusive, currency);
        return new PricingResult(BuildQuote(input, lines, charges, inclusive), null);
    }

    private static void CheckInput(PricingInput input)
    {
        if (input.Lines.Count == 0)
        {
            throw new ArgumentException("An order has at least one line.", nameof(input));
        }

        if (input.Lines.Any(l => l.Quantity <= 0 || l.UnitPrice < 0))
        {
            throw new ArgumentException("Line quantities are positive and unit prices non-negative.", nameof(input));
        }
    }

    private static bool IsActive(PricingRuleDefinition rule, PricingInput input) =>
        (rule.ValidFrom is null || rule.ValidFrom <= input.Now) &&
        (rule.ValidUntil is null || input.Now < rule.ValidUntil) &&
        (rule.Channels.Count == 0 || rule.Channels.Contains(input.Channel));

    private static bool IsForeignFixed(Adjustment value, string currency) =>
        value.Type == AdjustmentType.Fixed && !string.Equals(value.Currency, currency, StringComparison.Ordinal);

    private static bool Covers(IReadOnlyList<Guid> ticketTypeIds, LineState line) =>
        ticketTypeIds.Count == 0 || ticketTypeIds.Contains(line.Input.TicketTypeId);

    /// <summary>Discount of <paramref name="value"/> on <paramref name="units"/> of the line's tickets at their current price.</summary>
    private static long DiscountOn(LineState line, Adjustment value, int units)
    {
        var share = MinorUnits.DivideRounded((Int128)line.Amount * units, line.Input.Quantity);
        var discount = value.Type == AdjustmentType.Percentage
            ? MinorUnits.DivideRounded((Int128)line.Amount * units * value.BasisPoints, (Int128)line.Input.Quantity * 10_000)
            : value.Amount * units;
        return Math.Min(discount, share);
    }

    /// <summary>Audience discounts: the best matching rule for the line's audience; carries its proof to the line.</summary>
    private static void ApplyAudienceDiscounts(List<LineState> lines, List<PricingRuleDefinition> rules, string currency)
    {
        var audienceRules = rules.Where(r => r.Kind == PricingRuleKind.AudienceDiscount).ToList();
        foreach (var line in lines)
        {
            var best = Best(audienceRules.Where(r => r.Audience == line.Input.Audience && Covers(r.TicketTypeIds, line)),
                r => DiscountOn(line, r.Value, line.Input.Quantity));
            if (best is { } b)
            {
                var proof = b.Rule.Proof is { Length: > 0 } p ? $"; show at the gate: {p}" : "";
                var audience = line.Input.Audience.ToString().ToLowerInvariant();
                line.Discount(b.Rule, "audience_discount", b.Amount, Say("audience_discount",
                    $"{b.Rule.Name}: {Describe(b.Rule.Value, currency)} off for {audience} tickets{proof}",
                    Value(b.Rule.Value, ("rule", b.Rule.Name), ("audience", audience), ("proof", b.Rule.Proof is { Length: > 0 } pr ? pr : null))));
                line.Proof = b.Rule.Proof;
            }
        }
    }

    /// <summary>
    /// Early bird: the best rule per line. A "first N" rule covers only the tickets still within N, counted from the
    /// tickets already sold and then through the order's lines in order; a later line may get fewer or none.
    /// </summary>
    private static void ApplyEarlyBird(List<LineState> lines, List<PricingRuleDefinition> rules, PricingInput input, string currency)
    {
        var earlyBirds = rules.Where(r => r.Kind == PricingRuleKind.EarlyBird).ToList();
        var left = earlyBirds.Where(r => r.FirstTickets is not null)
            .ToDictionary(r => r.Id, r => Math.Max(0, r.FirstTickets!.Value - input.TicketsAlreadySold));
        foreach (var line in lines)
        {
            int Units(PricingRuleDefinition r) => r.FirstTickets is null ? line.Input.Quantity : Math.Min(left[r.Id], line.Input.Quantity);
            var best = Best(earlyBirds.Where(r => Covers(r.TicketTypeIds, line) && Units(r) > 0),
                r => DiscountOn(line, r.Value, Units(r)));
            if (best is not { } b)
            {
                continue;
            }

            var units = Units(b.Rule);
            var why = b.Rule.FirstTickets is { } n
                ? $"for the first {n} tickets sold; {units} of {line.Input.Quantity} in this line qualify"
                : $"until {Utc(b.Rule.ValidUntil!.Value)}";
            var english = $"{b.Rule.Name}: {Describe(b.Rule.Value, currency)} off {why}";
            line.Discount(b.Rule, "early_bird", b.Amount, b.Rule.FirstTickets is { } first
                ? Say("early_bird_first_tickets", english, Value(b.Rule.Value, ("rule", b.Rule.Name), ("first", Int(first)), ("units", Int(units)),
                    ("quantity", Int(line.Input.Quantity))))
                : Say("early_bird_until", english, Value(b.Rule.Value, ("rule", b.Rule.Name), ("until", b.Rule.ValidUntil!.Value.UtcDateTime.ToString("O", Invariant)))));
            if (b.Rule.FirstTickets is not null)
            {
                left[b.Rule.Id] -= units;
            }
        }
    }

    /// <summary>Quantity tiers: a tier counts the order's tickets it covers; the best reached tier applies per line.</summary>
    private static void ApplyQuantityTiers(List<LineState> lines, List<PricingRuleDefinition> rules, string currency)
    {
        var reached = rules.Where(r => r.Kind == PricingRuleKind.QuantityTier)
            .Select(r => (Rule: r, Count: lines.Where(l => Covers(r.TicketTypeIds, l)).Sum(l => l.Input.Quantity)))
            .Where(t => t.Count >= (t.Rule.MinQuantity ?? 1))
            .ToList();
        foreach (var line in lines)
        {
            var best = Best(reached.Where(t => Covers(t.Rule.TicketTypeIds, line)).Select(t => t.Rule),
                r => DiscountOn(line, r.Value, line.Input.Quantity));
            if (best is { } b)
            {
                var count = reached.First(t => t.Rule.Id == b.Rule.Id).Count;
                line.Discount(b.Rule, "quantity_tier", b.Amount, Say("quantity_tier",
                    $"{b.Rule.Name}: {Describe(b.Rule.Value, currency)} off from {b.Rule.MinQuantity ?? 1} tickets; this order has {count}",
                    Value(b.Rule.Value, ("rule", b.Rule.Name), ("min", Int(b.Rule.MinQuantity ?? 1)), ("count", Int(count)))));
            }
        }
    }

    private static PricingRefusal? ApplyPromo(List<LineState> lines, PromoDefinition promo, PricingInput input)
    {
        if (promo.ValidFrom is { } from && input.Now < from)
        {
            return new("promo_not_yet_valid", "promoCode", $"The code {promo.Code} is valid from {Utc(from)}.");
        }

        if (promo.ValidUntil is { } until && input.Now >= until)
        {
            return new("promo_expired", "promoCode", $"The code {promo.Code} expired at {Utc(until)}.");
        }

        if (promo.MaxUses is { } max && promo.UsedTotal >= max)
        {
            return new("promo_exhausted", "promoCode", $"The code {promo.Code} has been used the maximum {max} times.");
        }

        if (promo.MaxUsesPerBuyer is { } perBuyer)
        {
            if (promo.UsedByBuyer is not { } used)
            {
                return new("buyer_email_required", "buyerEmail", $"The code {promo.Code} is limited per buyer; the buyer's email is required.");
            }

            if (used >= perBuyer)
            {
                return new("promo_buyer_limit_reached", "promoCode", $"This buyer has already used the code {promo.Code} {used} times (limit {perBuyer}).");
            }
        }

        if (IsForeignFixed(promo.Value, input.Currency))
        {
            return new("currency_mismatch", "currency", $"The code {promo.Code} is in {promo.Value.Currency}, but the order is in {input.Currency}.");
        }

        var covered = lines.Where(l => Covers(promo.TicketTypeIds, l)).ToList();
        if (covered.Count == 0)
        {
            return new("promo_not_applicable", "promoCode", $"The code {promo.Code} does not apply to the ticket types in this order.");
        }

        foreach (var line in covered)
        {
            var amount = DiscountOn(line, promo.Value, line.Input.Quantity);
            if (amount > 0)
            {
                line.Discount(null, "promo_code", amount, Say("promo_code", $"Code {promo.Code}: {Describe(promo.Value, input.Currency)} off",
                    Value(promo.Value, ("code", promo.Code))), promo.Id);
            }
        }

        return null;
    }

    /// <summary>Per-ticket fees on the discounted price; every matching fee applies; free tickets carry no fee.</summary>
    private static void ApplyTicketFees(List<LineState> lines, List<PricingRuleDefinition> rules, string currency)
    {
        foreach (var rule in rules.Where(r => r.Kind == PricingRuleKind.ServiceFee && r.FeeBasis == FeeBasis.PerTicket))
        {
            foreach (var line in lines.Where(l => l.Amount > 0 && Covers(rule.TicketTypeIds, l)))
            {
                var fee = rule.Value.Type == AdjustmentType.Percentage
                    ? MinorUnits.Percent(line.Amount, rule.Value.BasisPoints)
                    : rule.Value.Amount * line.Input.Quantity;
                if (fee > 0)
                {
                    line.Fee(rule, fee, Say("service_fee_per_ticket", $"{rule.Name}: {Describe(rule.Value, currency)} service fee per ticket",
                        Value(rule.Value, ("rule", rule.Name))));
                }
            }
        }
    }

    private static List<ChargeState> OrderFees(List<LineState> lines, List<PricingRuleDefinition> rules, string currency)
    {
        var charges = new List<ChargeState>();
        foreach (var rule in rules.Where(r => r.Kind == PricingRuleKind.ServiceFee && r.FeeBasis == FeeBasis.PerOrder))
        {
            var covered = lines.Where(l => l.Amount > 0 && Covers(rule.TicketTypeIds, l)).Sum(l => l.Amount);
            var fee = covered == 0 ? 0
                : rule.Value.Type == AdjustmentType.Percentage ? MinorUnits.Percent(covered, rule.Value.BasisPoints) : rule.Value.Amount;
            if (fee > 0)
            {
                var text = rule.Value.Type == AdjustmentType.Percentage
                    ? Say("order_fee_percent", $"{rule.Name}: {MinorUnits.FormatPercent(rule.Value.BasisPoints)} of {MinorUnits.Format(covered, currency)} per order",
                        [("rule", rule.Name), ("percent", MinorUnits.FormatPercent(rule.Value.BasisPoints)), ("covered", Int(covered))])
                    : Say("order_fee_fixed", $"{rule.Name}: {MinorUnits.Format(fee, currency)} per order", [("rule", rule.Name), ("amount", Int(fee))]);
                charges.Add(new ChargeState(rule, fee, text));
            }
        }

        return charges;
    }

    /// <summary>
    /// Tax on the order's taxable total (discounted tickets plus fees), rounded once per tax rule, then allocated to
    /// lines and charges by largest remainder so the parts add up to it exactly.
    /// </summary>
    private static void ApplyTaxes(List<LineState> lines, List<ChargeState> charges, List<PricingRuleDefinition> taxes, bool inclusive, string currency)
    {
        var weights = lines.Select(l => l.Amount + l.Fees).Concat(charges.Select(c => c.Amount)).ToList();
        long taxable = weights.Sum();
        var rateSum = taxes.Sum(t => t.Value.BasisPoints);
        foreach (var rule in taxes)
        {
            var rate = rule.Value.BasisPoints;
            var tax = inclusive
                ? MinorUnits.DivideRounded((Int128)taxable * rate, 10_000 + rateSum)
                : MinorUnits.Percent(taxable, rate);
            var parts = MinorUnits.Allocate(tax, weights);
            var text = Say(inclusive ? "tax_included" : "tax_added",
                $"{rule.Name}: {MinorUnits.FormatPercent(rate)} {(inclusive ? "included" : "added")}; " +
                $"{MinorUnits.Format(tax, currency)} on the order's {MinorUnits.Format(taxable, currency)}",
                [("rule", rule.Name), ("percent", MinorUnits.FormatPercent(rate)), ("tax", Int(tax)), ("taxable", Int(taxable))]);
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] == 0)
                {
                    continue;
                }

                var applied = new AppliedRule(rule.Id, "tax", text.Text, parts[i], inclusive, text.Code, text.Args);
                if (i < lines.Count)
                {
                    lines[i].Tax += parts[i];
                    lines[i].Applied.Add(applied);
                }
                else
                {
                    charges[i - lines.Count].Tax += parts[i];
                    charges[i - lines.Count].Applied.Add(applied);
                }
            }
        }
    }

    private static PriceQuote BuildQuote(PricingInput input, List<LineState> lines, List<ChargeState> charges, bool inclusive)
    {
        long AddTax(long tax) => inclusive ? 0 : tax;
        var priced = lines.Select(l => new PricedLine(
            l.Index, l.Input.TicketTypeId, l.Input.PriceZoneId, l.Input.Audience, l.Input.Quantity, l.Input.UnitPrice,
            l.Base, l.DiscountTotal, l.Fees, l.Tax, l.Amount + l.Fees + AddTax(l.Tax), l.Proof, l.Applied)).ToList();
        var orderCharges = charges.Select(c => new OrderCharge(
            c.Rule.Id, "service_fee", c.Explanation.Text, c.Amount, c.Tax, c.Amount + AddTax(c.Tax),
            [new AppliedRule(c.Rule.Id, "service_fee", c.Explanation.Text, c.Amount, false, c.Explanation.Code, c.Explanation.Args), .. c.Applied],
            c.Explanation.Code, c.Explanation.Args)).ToList();
        var subtotal = priced.Sum(l => l.BaseAmount);
        var discount = priced.Sum(l => l.Discount);
        var fees = priced.Sum(l => l.Fees) + orderCharges.Sum(c => c.Amount);
        var tax = priced.Sum(l => l.Tax) + orderCharges.Sum(c => c.Tax);
        var total = subtotal - discount + fees + AddTax(tax);
        return new PriceQuote(input.Currency, priced, orderCharges, subtotal, discount, fees, tax, inclusive, total, input.Promo?.Code);
    }

    private static (PricingRuleDefinition Rule, long Amount)? Best(IEnumerable<PricingRuleDefinition> candidates, Func<PricingRuleDefinition, long> amount) =>
        candidates.Select(r => (Rule: r, Amount: amount(r)))
            .Where(t => t.Amount > 0)
            .OrderByDescending(t => t.Amount).ThenBy(t => t.Rule.Id)
            .Select(t => ((PricingRuleDefinition, long)?)t)
            .FirstOrDefault();

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private static string Int(long value) => value.ToString(Invariant);

    /// <summary>An explanation: its stable code and arguments (for clients to say it in their language) and the English text.</summary>
    private static Explained Say(string code, string english, (string Key, string? Value)[] args) =>
        new(code, args.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal), english);

    /// <summary>The adjustment's size as arguments: <c>percent</c> ("10%") or <c>amount</c> (minor units per ticket).</summary>
    private static (string, string?)[] Value(Adjustment value, params (string, string?)[] args) =>
        [.. args, value.Type == AdjustmentType.Percentage ? ("percent", MinorUnits.FormatPercent(value.BasisPoints)) : ("amount", Int(value.Amount))];

    private static string Describe(Adjustment value, string currency) => value.Type == AdjustmentType.Percentage
        ? MinorUnits.FormatPercent(value.BasisPoints)
        : MinorUnits.Format(value.Amount, currency) + " per ticket";

    /// <summary>Times in explanations: UTC, ISO-like, independent of the server's culture.</summary>
    private static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    private static PricingResult Refuse(string code, string field, string message) => new(null, new PricingRefusal(code, field, message));

    private sealed class LineState(int index, PricingLineInput input)
    {
        public int Index { get; } = index;

        public PricingLineInput Input { get; } = input;

        public long Base { get; } = checked(input.UnitPrice * input.Quantity);

        /// <summary>The line's ticket amount after the discounts applied so far.</summary>
        public long Amount => Base - DiscountTotal;

        public long DiscountTotal { get; private set; }

        public long Fees { get; private set; }

        public long Tax { get; set; }

        public string? Proof { get; set; }

        public List<AppliedRule> Applied { get; } = [];

        public void Discount(PricingRuleDefinition? rule, string kind, long amount, Explained explanation, Guid? promoId = null)
        {
            DiscountTotal += amount;
            Applied.Add(new AppliedRule(rule?.Id ?? promoId, kind, explanation.Text, -amount, false, explanation.Code, explanation.Args));
        }

        public void Fee(PricingRuleDefinition rule, long amount, Explained explanation)
        {
            Fees += amount;
            Applied.Add(new AppliedRule(rule.Id, "service_fee", explanation.Text, amount, false, explanation.Code, explanation.Args));
        }
    }

    private sealed record Explained(string Code, IReadOnlyDictionary<string, string> Args, string Text);

    private sealed class ChargeState(PricingRuleDefinition rule, long amount, Explained explanation)
    {
        public PricingRuleDefinition Rule { get; } = rule;

        public long Amount { get; } = amount;

        public Explained Explanation { get; } = explanation;

        public long Tax { get; set; }

        public List<AppliedRule> Applied { get; } = [];
    }
}
