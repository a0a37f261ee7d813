using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.PostEvent.Incidents;

/// <summary>
/// One alert from Alertmanager (ops/prometheus/alerts.yml fired it), kept so the post-event report can list what went
/// wrong during a sale. Platform-wide on purpose: no <c>tenant_id</c> column (the alerts are about the platform, not a
/// tenant's data); an alert labelled with a <c>tenant</c> or <c>event</c> is shown only in that tenant's or event's
/// report. One row per alert instance: its fingerprint and start, updated when it resolves.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Alertmanager's fingerprint of the label set.</summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When it resolved; null while firing.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>firing or resolved.</summary>
    public required string Status { get; set; }

    public required string AlertName { get; init; }

    public string? Severity { get; init; }

    public string? Summary { get; set; }

    /// <summary>The <c>tenant</c> label, when the alert is about one tenant.</summary>
    public Guid? AlertTenantId { get; init; }

    /// <summary>The <c>event</c> label, when the alert is about one event.</summary>
    public Guid? AlertEventId { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        // The tenant label is a plain value, not a foreign key: the column name must not be tenant_id, or the RLS
        // convention would hide platform-wide alerts from every reader.
        builder.ToTable("incidents", t => t.HasCheckConstraint("ck_incidents_status", "status IN ('firing', 'resolved')"));
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Fingerprint).HasMaxLength(64);
        builder.Property(i => i.Status).HasMaxLength(10);
        builder.Property(i => i.AlertName).HasMaxLength(200);
        builder.Property(i => i.Severity).HasMaxLength(40);
        builder.Property(i => i.Summary).HasMaxLength(1000);
        builder.HasIndex(i => new { i.Fingerprint, i.StartsAt }).IsUnique();
        builder.HasIndex(i => i.StartsAt);
    }
}
