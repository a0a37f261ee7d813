using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Checkout;

/// <summary>
/// One Idempotency-Key of one caller scope. The primary key (tenant, scope, key) is the guard: the first request
/// inserts the row, a concurrent duplicate cannot (insert-first, never check-then-insert). The response is stored
/// when the first request finishes and replayed for 24 hours.
/// </summary>
public sealed class IdempotencyKey : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? ResponseBody { get; set; }
}

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(k => new { k.TenantId, k.Scope, k.Key });
        builder.Property(k => k.Scope).HasMaxLength(200);
        builder.Property(k => k.Key).HasMaxLength(255);
        builder.Property(k => k.RequestHash).HasMaxLength(64);
        builder.Property(k => k.ContentType).HasMaxLength(100);
        builder.Property(k => k.Location).HasMaxLength(500);
        builder.HasIndex(k => k.CreatedAt);
    }
}
