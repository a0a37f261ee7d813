using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.PostEvent.Notes;

/// <summary>An operator's note on an event's sale (what happened, what to do differently), printed in the post-event report.</summary>
public sealed class ReportNote : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public required string Text { get; init; }

    /// <summary>Who wrote it: the person's e-mail (or "client:" + id for an API client), as shown in the report.</summary>
    public required string Author { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ReportNoteConfiguration : IEntityTypeConfiguration<ReportNote>
{
    public void Configure(EntityTypeBuilder<ReportNote> builder)
    {
        builder.ToTable("event_report_notes");
        builder.HasKey(n => new { n.TenantId, n.Id });
        builder.Property(n => n.Text).HasMaxLength(ReportNoteRules.MaxLength);
        builder.Property(n => n.Author).HasMaxLength(320);
        builder.HasIndex(n => new { n.TenantId, n.EventId, n.CreatedAt });
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(n => new { n.TenantId, n.EventId }).OnDelete(DeleteBehavior.Cascade);
    }
}
