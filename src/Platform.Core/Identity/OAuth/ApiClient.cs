using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Identity.OAuth;

/// <summary>
/// A tenant's server-to-server client (client credentials). The OpenIddict application holds the hashed secret and
/// the permitted scopes; this tenant-owned row ties it to its tenant so listings stay under RLS.
/// </summary>
public sealed class ApiClient : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string ClientId { get; init; }

    public required List<string> Scopes { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset SecretRotatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public required string CreatedBy { get; init; }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("api_clients");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
