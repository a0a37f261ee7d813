using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Pricing.Rules;

/// <summary>Creates, replaces and deletes a tenant's pricing rules; every change is audited in the same commit.</summary>
public sealed class PricingRuleStore(PlatformDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock)
{
    public Task<PricingRule?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<PricingRule>().FirstOrDefaultAsync(r => r.Id == id, ct);

    public async Task<PricingRule> CreateAsync(PricingRuleRequest request, CancellationToken ct)
    {
        await PricingAudit.RequireTenantCurrencyAsync(db, tenant, CurrencyOf(request), "currency", ct);
        var now = clock.GetUtcNow();
        var rule = new PricingRule { Name = request.Name!.Trim(), CreatedAt = now, UpdatedAt = now };
        Apply(rule, request);
        db.Add(rule);
        audit.Record("pricing_rule.created", "pricing_rule", rule.Id.ToString(), PricingAudit.Created(Snapshot(rule)));
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task<PricingRule> ReplaceAsync(PricingRule rule, PricingRuleRequest request, uint? expectedVersion, CancellationToken ct)
    {
        PricingAudit.CheckVersion(rule.Version, expectedVersion, "pricing rule");
        await PricingAudit.RequireTenantCurrencyAsync(db, tenant, CurrencyOf(request), "currency", ct);
        var before = Snapshot(rule);
        rule.Name = request.Name!.Trim();
        Apply(rule, request);
        var changes = PricingAudit.Diff(before, Snapshot(rule));
        if (changes.Count > 0)
        {
            rule.UpdatedAt = clock.GetUtcNow();
            audit.Record("pricing_rule.updated", "pricing_rule", rule.Id.ToString(), changes);
            await db.SaveChangesAsync(ct);
        }

        return rule;
    }

    public async Task DeleteAsync(PricingRule rule, CancellationToken ct)
    {
        db.Remove(rule);
        audit.Record("pricing_rule.deleted", "pricing_rule", rule.Id.ToString(),
            PricingAudit.Diff(Snapshot(rule), Snapshot(rule).ToDictionary(p => p.Key, _ => (object?)null)));
        await db.SaveChangesAsync(ct);
    }

    private static string? CurrencyOf(PricingRuleRequest r) =>
        r.Kind != PricingRuleKind.Tax && r.ValueType == AdjustmentType.Fixed ? r.Currency : null;

    /// <summary>Copies a validated request onto the rule, clearing fields its kind does not use.</summary>
    private static void Apply(PricingRule rule, PricingRuleRequest r)
    {
        var kind = r.Kind!.Value;
        rule.Kind = kind;
        rule.Active = r.Active ?? true;
        rule.ValueType = kind == PricingRuleKind.Tax ? AdjustmentType.Percentage : r.ValueType!.Value;
        rule.BasisPoints = rule.ValueType == AdjustmentType.Percentage ? (int)r.BasisPoints!.Value : 0;
        rule.Amount = rule.ValueType == AdjustmentType.Fixed ? (long)r.Amount!.Value : 0;
        rule.Currency = rule.ValueType == AdjustmentType.Fixed ? r.Currency : null;
        rule.Audience = kind == PricingRuleKind.AudienceDiscount ? r.Audience : null;
        rule.Proof = kind == PricingRuleKind.AudienceDiscount ? r.Proof?.Trim() : null;
        rule.ValidFrom = r.ValidFrom?.ToUniversalTime();
        rule.ValidUntil = r.ValidUntil?.ToUniversalTime();
        rule.FirstTickets = kind == PricingRuleKind.EarlyBird ? r.FirstTickets : null;
        rule.MinQuantity = kind == PricingRuleKind.QuantityTier ? r.MinQuantity : null;
        rule.FeeBasis = kind == PricingRuleKind.ServiceFee ? r.FeeBasis!.Value : FeeBasis.PerTicket;
        rule.TaxInclusive = kind == PricingRuleKind.Tax && r.TaxInclusive == true;
        rule.EventIds = [.. (r.EventIds ?? []).Distinct()];
        rule.TicketTypeIds = [.. (r.TicketTypeIds ?? []).Distinct()];
        rule.Channels = [.. (r.Channels ?? []).Distinct().Select(PricingNames.Of)];
    }

    private static Dictionary<string, object?> Snapshot(PricingRule r) => new()
    {
        ["name"] = r.Name, ["kind"] = PricingNames.Of(r.Kind), ["active"] = r.Active, ["valueType"] = PricingNames.Of(r.ValueType),
        ["basisPoints"] = r.BasisPoints, ["amount"] = r.Amount, ["currency"] = r.Currency,
        ["audience"] = r.Audience is { } a ? PricingNames.Of(a) : null, ["proof"] = r.Proof,
        ["validFrom"] = r.ValidFrom, ["validUntil"] = r.ValidUntil, ["firstTickets"] = r.FirstTickets, ["minQuantity"] = r.MinQuantity,
        ["feeBasis"] = PricingNames.Of(r.FeeBasis), ["taxInclusive"] = r.TaxInclusive,
        ["eventIds"] = r.EventIds.ToList(), ["ticketTypeIds"] = r.TicketTypeIds.ToList(), ["channels"] = r.Channels.ToList(),
    };
}
