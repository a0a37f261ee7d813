using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Webhooks;

/// <summary>A tenant's receiver of signed event deliveries.</summary>
internal sealed class WebhookEndpoint : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Url { get; set; }

    public string? Description { get; set; }

    /// <summary>Event type patterns: exact (order.paid), a prefix wildcard (order.*) or everything (*).</summary>
    public List<string> EventTypes { get; set; } = [];

    /// <summary>JSON object of payload paths to required values (equality); null delivers every matching event.</summary>
    public string? Filter { get; set; }

    /// <summary>The signing secret (whsec_ + base64 key), encrypted by <see cref="WebhookSecretVault"/>. Shown once on creation or rotation.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The secret before the last rotation (encrypted), still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousProtectedSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>gone (the receiver answered 410), failing (a delivery's retries ran out while every attempt failed), manual, or null.</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Start of the current run of failed attempts; cleared by any success.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>When the admins were told this failing run is under way (once per run); cleared by any success.</summary>
    public DateTimeOffset? FailureNotifiedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<string> ActiveSecrets(DateTimeOffset now, WebhookSecretVault vault) =>
        PreviousProtectedSecret is not null && PreviousSecretExpiresAt > now
            ? [vault.Unprotect(ProtectedSecret), vault.Unprotect(PreviousProtectedSecret)]
            : [vault.Unprotect(ProtectedSecret)];

    /// <summary>The HMAC keys of <see cref="ActiveSecrets"/>: decrypted and decoded once, for every delivery of a batch.</summary>
    public IReadOnlyList<byte[]> ActiveKeys(DateTimeOffset now, WebhookSecretVault vault) => [.. ActiveSecrets(now, vault).Select(WebhookSigner.Key)];

    /// <summary>Encrypts secrets stored before encryption at rest existed; the caller's SaveChanges persists it.</summary>
    public void EncryptLegacySecrets(WebhookSecretVault vault)
    {
        if (WebhookSecretVault.IsLegacyPlaintext(ProtectedSecret))
        {
            ProtectedSecret = vault.Protect(ProtectedSecret);
        }

        if (PreviousProtectedSecret is not null && WebhookSecretVault.IsLegacyPlaintext(PreviousProtectedSecret))
        {
            PreviousProtectedSecret = vault.Protect(PreviousProtectedSecret);
        }
    }

    public void Disable(string reason, DateTimeOffset now)
    {
        Enabled = false;
        DisabledReason = reason;
        DisabledAt = now;
        UpdatedAt = now;
    }
}

internal static class DisabledReasons
{
    public const string Gone = "gone";
    public const string Failing = "failing";
    public const string Manual = "manual";
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Url).HasMaxLength(WebhookRules.MaxUrlLength);
        builder.Property(e => e.Description).HasMaxLength(200);
        builder.Property(e => e.Filter).HasColumnType("jsonb");
        // A Data Protection payload of a ~50-character secret is ~180 characters; room for a longer key id or algorithm.
        builder.Property(e => e.ProtectedSecret).HasMaxLength(500);
        builder.Property(e => e.PreviousProtectedSecret).HasMaxLength(500);
        builder.Property(e => e.DisabledReason).HasMaxLength(20);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
