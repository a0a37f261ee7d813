using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.AntiScalping.BlockList;

/// <summary>
/// One entry of a tenant's block list: public orders from this e-mail address, e-mail domain or network are refused
/// (403 <c>order_blocked</c>) whatever the score. Staff add them from what the review queue showed them; the value is
/// kept readable (staff must see what they blocked), normalized so the order path matches it exactly.
/// </summary>
public sealed class RiskBlock : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary><see cref="BlockKinds"/>: email, domain or ip (an address or a CIDR network).</summary>
    public required string Kind { get; init; }

    /// <summary>Normalized: lower-case e-mail or domain; an IP network in CIDR form (a single address is /32 or /128).</summary>
    public required string Value { get; init; }

    public string? Note { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public static class BlockKinds
{
    public const string Email = "email";
    public const string Domain = "domain";
    public const string Ip = "ip";

    public static readonly string[] All = [Email, Domain, Ip];
}

internal sealed class RiskBlockConfiguration : IEntityTypeConfiguration<RiskBlock>
{
    public void Configure(EntityTypeBuilder<RiskBlock> builder)
    {
        builder.ToTable("risk_blocks", t => t.HasCheckConstraint("ck_risk_blocks_kind", "kind IN ('email', 'domain', 'ip')"));
        builder.HasKey(b => new { b.TenantId, b.Id });
        builder.Property(b => b.Kind).HasMaxLength(10);
        builder.Property(b => b.Value).HasMaxLength(320);
        builder.Property(b => b.Note).HasMaxLength(200);
        builder.Property(b => b.CreatedBy).HasMaxLength(200);
        // One entry per value: adding it twice is a 409, not a second row.
        builder.HasIndex(b => new { b.TenantId, b.Kind, b.Value }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
