using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Checkout;

/// <summary>
/// One Idempotency-Key of one caller scope. The primary key (tenant, scope, key) is the guard: the first request
/// inserts the row, a concurrent duplicate cannot (insert-first, never check-then-insert). A successful response is
/// written in the same transaction as the work it answers (guarded by <see cref="ClaimId"/>), so it exists exactly
/// when the work does; it is replayed for 24 hours. A claim whose owner died (its lease ran out with no response) is
/// taken over by the next request with the same key and body (ADR 0019).
/// </summary>
public sealed class IdempotencyKey : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Which request owns the key: the response is written only by that claim (a taken-over claim's work aborts).</summary>
    public Guid ClaimId { get; set; }

    /// <summary>Until when an unanswered claim is presumed alive; after it a retry takes the key over. Null once answered.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    /// <summary>The response body encrypted with Data Protection (it can carry a one-time hold or order token).</summary>
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
