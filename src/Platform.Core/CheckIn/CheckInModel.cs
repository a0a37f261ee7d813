using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Events;
using Platform.Tenancy;
using Platform.Tickets;

namespace Platform.CheckIn;

/// <summary>
/// The admission state of one ticket: exactly one row per ticket, created by the first admitting scan with
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, so concurrent scans at several gates admit once. With re-entry enabled the
/// conflicting scan toggles <see cref="Inside"/> instead (in, out, in, …).
/// </summary>
internal sealed class TicketAdmission : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid TicketId { get; init; }

    public Guid EventId { get; init; }

    public Guid TicketTypeId { get; init; }

    public DateTimeOffset FirstScannedAt { get; init; }

    public required string FirstGate { get; init; }

    public bool Inside { get; set; }

    public int Entries { get; set; }

    public DateTimeOffset LastScannedAt { get; set; }

    public required string LastGate { get; set; }
}

/// <summary>One accepted passage through a gate (direction in or out), the check-in list.</summary>
internal sealed class CheckInRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public Guid TicketId { get; init; }

    public Guid TicketTypeId { get; init; }

    public required string Gate { get; init; }

    public required string Direction { get; init; }

    public DateTimeOffset ScannedAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public Guid? DeviceId { get; init; }

    public required string Source { get; init; }
}

/// <summary>Per-event check-in rules; absent means no re-entry.</summary>
internal sealed class CheckInSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; init; }

    public bool AllowReEntry { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A gate device enrolled by a tenant admin; it authenticates with a token stored only as its SHA-256.</summary>
internal sealed class CheckInDevice : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; init; }

    public required string TokenHash { get; init; }

    /// <summary>Events the device may scan for; null for every event of the tenant.</summary>
    public Guid[]? EventIds { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// An uploaded offline scan, unique per (tenant, device key, nonce): a re-uploaded batch finds its nonces here and
/// gets the stored results back instead of scanning again.
/// </summary>
internal sealed class OfflineScan : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string DeviceKey { get; init; }

    public required string Nonce { get; init; }

    public required string BatchId { get; init; }

    public required string Result { get; set; }

    public string? Reason { get; set; }

    public Guid? TicketId { get; set; }

    public DateTimeOffset ScannedAt { get; set; }

    public bool ClockSkewed { get; set; }

    public DateTimeOffset? FirstScannedAt { get; set; }

    public string? FirstGate { get; set; }

    public DateTimeOffset RecordedAt { get; init; }
}

internal sealed class CheckInConfigurations : IEntityTypeConfiguration<TicketAdmission>, IEntityTypeConfiguration<CheckInRecord>,
    IEntityTypeConfiguration<CheckInSettings>, IEntityTypeConfiguration<CheckInDevice>, IEntityTypeConfiguration<OfflineScan>
{
    public void Configure(EntityTypeBuilder<TicketAdmission> builder)
    {
        builder.ToTable("ticket_admissions");
        builder.HasKey(a => new { a.TenantId, a.TicketId });
        builder.Property(a => a.FirstGate).HasMaxLength(100);
        builder.Property(a => a.LastGate).HasMaxLength(100);
        builder.HasIndex(a => new { a.TenantId, a.EventId, a.TicketTypeId });
        builder.HasOne<Ticket>().WithMany().HasForeignKey(a => new { a.TenantId, a.TicketId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CheckInRecord> builder)
    {
        builder.ToTable("check_ins");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.Property(c => c.Gate).HasMaxLength(100);
        builder.Property(c => c.Direction).HasMaxLength(3);
        builder.Property(c => c.Source).HasMaxLength(10);
        builder.HasIndex(c => new { c.TenantId, c.EventId, c.Id });
        builder.HasOne<Ticket>().WithMany().HasForeignKey(c => new { c.TenantId, c.TicketId }).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_check_ins_direction", "direction IN ('in', 'out')"));
    }

    public void Configure(EntityTypeBuilder<CheckInSettings> builder)
    {
        builder.ToTable("check_in_settings");
        builder.HasKey(s => new { s.TenantId, s.EventId });
        builder.HasOne<Event>().WithMany().HasForeignKey(s => new { s.TenantId, s.EventId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CheckInDevice> builder)
    {
        builder.ToTable("check_in_devices");
        builder.HasKey(d => new { d.TenantId, d.Id });
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.HasIndex(d => new { d.TenantId, d.TokenHash }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<OfflineScan> builder)
    {
        builder.ToTable("check_in_offline_scans");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.Property(s => s.DeviceKey).HasMaxLength(200);
        builder.Property(s => s.Nonce).HasMaxLength(100);
        builder.Property(s => s.BatchId).HasMaxLength(100);
        builder.Property(s => s.Result).HasMaxLength(20);
        builder.Property(s => s.Reason).HasMaxLength(30);
        builder.Property(s => s.FirstGate).HasMaxLength(100);
        builder.HasIndex(s => new { s.TenantId, s.DeviceKey, s.Nonce }).IsUnique();
    }
}
