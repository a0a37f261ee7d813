using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Auditing;

/// <summary>Who changed what and when, kept per tenant and written in the same transaction as the change.</summary>
public sealed class AuditEntry : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The user id, API client id, or "system" for jobs and commands.</summary>
    public required string Actor { get; init; }

    /// <summary>A dotted verb such as tenant.suspended or event.published.</summary>
    public required string Action { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    /// <summary>JSON object of changed fields: { "field": { "from": .., "to": .. } }.</summary>
    public string? Changes { get; init; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.EntityType).HasMaxLength(100);
        builder.Property(e => e.EntityId).HasMaxLength(100);
        builder.Property(e => e.Changes).HasColumnType("jsonb");
        builder.HasIndex(e => new { e.TenantId, e.EntityType, e.EntityId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
