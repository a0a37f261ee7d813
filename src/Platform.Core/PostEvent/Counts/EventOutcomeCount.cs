using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.PostEvent.Counts;

/// <summary>
/// How many checkout requests of an event ended how, per minute (ADR 0051): step (hold, order, payment) and outcome
/// (<c>success</c>, <c>pending</c> or the problem code). The in-process counters and live windows forget this when the
/// process ends; the post-event report needs it afterwards. Written in batches by <see cref="EventOutcomeFlusher"/>,
/// never a row per request: one row per (event, minute, step, outcome), counts added on conflict.
/// </summary>
public sealed class EventOutcomeCount : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; init; }

    /// <summary>The UTC minute the requests ended in.</summary>
    public DateTimeOffset Minute { get; init; }

    public required string Step { get; init; }

    public required string Outcome { get; init; }

    public long Count { get; set; }
}

internal sealed class EventOutcomeCountConfiguration : IEntityTypeConfiguration<EventOutcomeCount>
{
    public void Configure(EntityTypeBuilder<EventOutcomeCount> builder)
    {
        builder.ToTable("event_outcome_counts", t => t.HasCheckConstraint("ck_event_outcome_counts_count", "count >= 0"));
        builder.HasKey(c => new { c.TenantId, c.EventId, c.Minute, c.Step, c.Outcome });
        builder.Property(c => c.Step).HasMaxLength(10);
        builder.Property(c => c.Outcome).HasMaxLength(60);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(c => new { c.TenantId, c.EventId }).OnDelete(DeleteBehavior.Cascade);
    }
}
