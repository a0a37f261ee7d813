using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Users;
using Platform.Tenancy;

namespace Platform.Identity.Memberships;

/// <summary>A user's role in one tenant. Tenant-owned; a user reads their own rows across tenants (docs/adr/0003).</summary>
public sealed class TenantMembership : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    /// <summary>One of <see cref="Authorization.PlatformRoles.TenantRoles"/>.</summary>
    public required string Role { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TenantMembershipConfiguration : IEntityTypeConfiguration<TenantMembership>
{
    public const string Table = "tenant_memberships";

    public void Configure(EntityTypeBuilder<TenantMembership> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(m => new { m.TenantId, m.Id });
        builder.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasMaxLength(20);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlatformUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
