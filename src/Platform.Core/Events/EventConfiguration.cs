using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;
using Platform.Venues;
using Platform.Sales;

namespace Platform.Events;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("events");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Title).HasMaxLength(200);
        builder.ToTable(t => t.HasCheckConstraint("ck_events_max_tickets_per_buyer", "max_tickets_per_buyer IS NULL OR max_tickets_per_buyer > 0"));
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.Property(e => e.Category).HasMaxLength(50);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.Status).HasConversion(new SnakeCaseEnumConverter<EventStatus>()).HasMaxLength(20);
        builder.Property(e => e.Version).IsRowVersion();
        builder.HasIndex(e => new { e.TenantId, e.Status });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Venue>().WithMany().HasForeignKey(e => new { e.TenantId, e.VenueId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EventOccurrenceConfiguration : IEntityTypeConfiguration<EventOccurrence>
{
    public void Configure(EntityTypeBuilder<EventOccurrence> builder)
    {
        builder.ToTable("event_occurrences");
        builder.HasKey(o => new { o.TenantId, o.Id });
        builder.Property(o => o.TimeZone).HasMaxLength(64);
        builder.HasIndex(o => new { o.TenantId, o.EventId, o.StartsAt });
        builder.HasOne<Event>().WithMany().HasForeignKey(o => new { o.TenantId, o.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_event_occurrences_times",
            "starts_at < ends_at AND (doors_at IS NULL OR doors_at <= starts_at)"));
    }
}

internal sealed class SalesWindowConfiguration : IEntityTypeConfiguration<SalesWindow>
{
    public void Configure(EntityTypeBuilder<SalesWindow> builder)
    {
        builder.ToTable("sales_windows");
        builder.HasKey(w => new { w.TenantId, w.Id });
        builder.Property(w => w.Channel).HasConversion(new SnakeCaseEnumConverter<SalesChannel>()).HasMaxLength(20);
        builder.HasIndex(w => new { w.TenantId, w.EventId, w.Channel });
        builder.HasOne<Event>().WithMany().HasForeignKey(w => new { w.TenantId, w.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_sales_windows_order", "opens_at < closes_at"));
    }
}

internal sealed class TicketTypeConfiguration : IEntityTypeConfiguration<TicketType>
{
    public void Configure(EntityTypeBuilder<TicketType> builder)
    {
        builder.ToTable("ticket_types");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Kind).HasConversion(new SnakeCaseEnumConverter<TicketKind>()).HasMaxLength(20);
        builder.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => new { t.TenantId, t.EventId });
        builder.HasOne<Event>().WithMany().HasForeignKey(t => new { t.TenantId, t.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Quota>().WithMany().HasForeignKey(t => new { t.TenantId, t.QuotaId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PriceZone>().WithMany().HasForeignKey(t => new { t.TenantId, t.PriceZoneId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_ticket_types_price", "price_minor >= 0");
            t.HasCheckConstraint("ck_ticket_types_per_order", "min_per_order >= 1 AND max_per_order >= min_per_order");
        });
    }
}

internal sealed class QuotaConfiguration : IEntityTypeConfiguration<Quota>
{
    public void Configure(EntityTypeBuilder<Quota> builder)
    {
        builder.ToTable("quotas");
        builder.HasKey(q => new { q.TenantId, q.Id });
        builder.Property(q => q.Name).HasMaxLength(100);
        builder.HasIndex(q => new { q.TenantId, q.EventId });
        builder.HasOne<Event>().WithMany().HasForeignKey(q => new { q.TenantId, q.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<VenueSection>().WithMany().HasForeignKey(q => new { q.TenantId, q.SectionId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_quotas_capacity", "capacity >= 0"));
    }
}

internal sealed class QuotaCounterConfiguration : IEntityTypeConfiguration<QuotaCounter>
{
    public const string CapacityCheck = "ck_quota_counters_within_capacity";

    public void Configure(EntityTypeBuilder<QuotaCounter> builder)
    {
        builder.ToTable("quota_counters");
        builder.HasKey(c => new { c.TenantId, c.QuotaId, c.OccurrenceId });
        builder.HasIndex(c => new { c.TenantId, c.OccurrenceId });
        builder.HasOne<Quota>().WithMany().HasForeignKey(c => new { c.TenantId, c.QuotaId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EventOccurrence>().WithMany().HasForeignKey(c => new { c.TenantId, c.OccurrenceId }).OnDelete(DeleteBehavior.Cascade);
        // The last line of defence for overselling, whatever code path moves the counters.
        builder.ToTable(t => t.HasCheckConstraint(CapacityCheck, "held >= 0 AND sold >= 0 AND held + sold <= capacity"));
    }
}

internal sealed class EventSeatConfiguration : IEntityTypeConfiguration<EventSeat>
{
    public void Configure(EntityTypeBuilder<EventSeat> builder)
    {
        builder.ToTable("event_seats");
        builder.HasKey(s => new { s.TenantId, s.OccurrenceId, s.SeatId });
        builder.Property(s => s.State).HasConversion(new SnakeCaseEnumConverter<SeatState>()).HasMaxLength(10);
        builder.HasIndex(s => new { s.TenantId, s.OccurrenceId, s.SectionId });
        builder.HasOne<EventOccurrence>().WithMany().HasForeignKey(s => new { s.TenantId, s.OccurrenceId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Seat>().WithMany().HasForeignKey(s => new { s.TenantId, s.SeatId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_event_seats_state", "state IN ('available', 'held', 'sold', 'blocked')"));
    }
}
