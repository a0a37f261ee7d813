using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Outbox;

namespace Platform.Webhooks;

public enum DeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>One event to one endpoint. Its id is the webhook-id header, the same on every attempt.</summary>
internal sealed class WebhookDelivery : Tenancy.ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EndpointId { get; init; }

    public Guid EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The exact body sent (and signed) on every attempt.</summary>
    public required string Body { get; init; }

    public DeliveryStatus Status { get; set; }

    public int AttemptCount { get; set; }

    /// <summary>The attempt count when the retry schedule last (re)started: 0, or the count at a manual redelivery.</summary>
    public int ScheduleStart { get; set; }

    /// <summary>When the next attempt is due; also a lease while an attempt is in flight.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public string WebhookId => $"msg_{Id:N}";
}

/// <summary>One HTTP attempt of a delivery, for the delivery log.</summary>
internal sealed class WebhookAttempt : Tenancy.ITenantOwned
{
    public const int ExcerptLength = 1024;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid DeliveryId { get; init; }

    public int AttemptNumber { get; init; }

    public DateTimeOffset AttemptedAt { get; init; }

    public int? StatusCode { get; init; }

    public int LatencyMs { get; init; }

    public string? ResponseExcerpt { get; init; }

    public string? Error { get; init; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Ignore(e => e.WebhookId);
        builder.Property(e => e.EventType).HasMaxLength(100);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => new { e.TenantId, e.EndpointId, e.Id });
        builder.HasIndex(e => new { e.TenantId, e.CreatedAt });
        // The sweep for stalled deliveries reads only the pending ones.
        builder.HasIndex(e => new { e.TenantId, e.NextAttemptAt }).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_pending");
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(e => new { e.TenantId, e.EndpointId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(e => new { e.TenantId, e.EventId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.ResponseExcerpt).HasMaxLength(WebhookAttempt.ExcerptLength);
        builder.Property(e => e.Error).HasMaxLength(500);
        builder.HasIndex(e => new { e.TenantId, e.DeliveryId, e.Id });
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(e => new { e.TenantId, e.DeliveryId }).OnDelete(DeleteBehavior.Cascade);
    }
}
