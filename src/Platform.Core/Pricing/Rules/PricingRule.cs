using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Pricing.Engine;
using Platform.Tenancy;

namespace Platform.Pricing.Rules;

/// <summary>
/// A tenant's pricing rule, reusable across events. Event and ticket type ids are stored as plain id lists (empty =
/// all) rather than foreign keys, so a rule outlives the events it was written for.
/// </summary>
public sealed class PricingRule : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public PricingRuleKind Kind { get; set; }

    public bool Active { get; set; } = true;

    public AdjustmentType ValueType { get; set; }

    /// <summary>Percentage in basis points (1 % = 100); for tax, the rate.</summary>
    public int BasisPoints { get; set; }

    /// <summary>Fixed amount in minor units of <see cref="Currency"/>.</summary>
    public long Amount { get; set; }

    public string? Currency { get; set; }

    public Audience? Audience { get; set; }

    public string? Proof { get; set; }

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }

    public int? FirstTickets { get; set; }

    public int? MinQuantity { get; set; }

    public FeeBasis FeeBasis { get; set; }

    public bool TaxInclusive { get; set; }

    public List<Guid> EventIds { get; set; } = [];

    public List<Guid> TicketTypeIds { get; set; } = [];

    /// <summary>Sales channels as their API names (snake_case); empty = every channel.</summary>
    public List<string> Channels { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    public PricingRuleDefinition ToDefinition() => new(Id, Name, Kind)
    {
        Value = new Adjustment(ValueType, BasisPoints, Amount, Currency),
        Audience = Audience,
        Proof = Proof,
        ValidFrom = ValidFrom,
        ValidUntil = ValidUntil,
        FirstTickets = FirstTickets,
        MinQuantity = MinQuantity,
        FeeBasis = FeeBasis,
        TaxInclusive = TaxInclusive,
        TicketTypeIds = TicketTypeIds,
        Channels = [.. Channels.Select(PricingNames.ParseChannel)],
    };
}

internal sealed class PricingRuleConfiguration : IEntityTypeConfiguration<PricingRule>
{
    public void Configure(EntityTypeBuilder<PricingRule> builder)
    {
        builder.ToTable("pricing_rules");
        builder.HasKey(r => new { r.TenantId, r.Id });
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.ValueType).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Proof).HasMaxLength(200);
        builder.Property(r => r.FeeBasis).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => new { r.TenantId, r.Kind });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
