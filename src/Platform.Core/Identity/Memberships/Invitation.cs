using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Identity.Memberships;

/// <summary>An emailed invitation to join a tenant with a role; only the SHA-256 of its secret is stored.</summary>
public sealed class Invitation : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Email { get; init; }

    public required string NormalizedEmail { get; init; }

    public required string Role { get; init; }

    public required string TokenHash { get; init; }

    public required string InvitedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => new { i.TenantId, i.Id });
        builder.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedBy).HasMaxLength(200);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
