using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Outbox;

/// <summary>
/// A domain event recorded in the same transaction as the change it describes, later handed to every consumer's lane
/// (settlement, tickets, webhooks).
/// Dispatched at least once: a receiver may see an event twice and deduplicates by webhook-id.
/// </summary>
internal sealed class OutboxMessage : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>A dotted event type such as order.paid.</summary>
    public required string Type { get; init; }

    /// <summary>The event's data as a JSON object.</summary>
    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        // Lanes read in (tenant_id, tx, id) order: the tx column and its index are OutboxLaneSql's, outside the model.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
