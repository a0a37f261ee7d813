using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Events;
using Platform.Orders;
using Platform.Pricing;
using Platform.Venues;

namespace Platform.Tickets;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("tickets");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.Property(t => t.Number).HasMaxLength(16);
        builder.Property(t => t.State).HasConversion(new SnakeCaseEnumConverter<TicketState>()).HasMaxLength(20);
        builder.Property(t => t.AccessTokenHash).HasMaxLength(64);
        builder.Property(t => t.RevokedReason).HasMaxLength(200);
        builder.Property(t => t.Audience).HasConversion(new SnakeCaseEnumConverter<Audience>()).HasMaxLength(10);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => new { t.TenantId, t.Number }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.OrderId });
        builder.HasIndex(t => new { t.TenantId, t.EventId, t.Id });
        builder.HasIndex(t => new { t.TenantId, t.AccessTokenHash }).HasFilter("access_token_hash IS NOT NULL");
        // A seat admits one valid ticket per occurrence; a refunded seat may be sold (and ticketed) again.
        builder.HasIndex(t => new { t.TenantId, t.OccurrenceId, t.SeatId }).IsUnique()
            .HasFilter("seat_id IS NOT NULL AND state = 'valid'").HasDatabaseName("ux_tickets_valid_seat");
        builder.HasOne<Order>().WithMany().HasForeignKey(t => new { t.TenantId, t.OrderId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrderLine>().WithMany().HasForeignKey(t => new { t.TenantId, t.OrderLineId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Event>().WithMany().HasForeignKey(t => new { t.TenantId, t.EventId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_tickets_state", "state IN ('valid', 'revoked')");
            t.HasCheckConstraint("ck_tickets_code_version", "code_version >= 1");
            t.HasCheckConstraint("ck_tickets_audience", "audience IN ('adult', 'child', 'senior', 'student')");
        });
    }
}

internal sealed class EventTicketSettingsConfiguration : IEntityTypeConfiguration<EventTicketSettings>
{
    public void Configure(EntityTypeBuilder<EventTicketSettings> builder)
    {
        builder.ToTable("event_ticket_settings");
        builder.HasKey(s => new { s.TenantId, s.EventId });
        builder.Property(s => s.Version).IsRowVersion();
        builder.Property(s => s.HolderNames).HasConversion(new Venues.SnakeCaseEnumConverter<TicketHolderNames>()).HasMaxLength(20)
            .HasDefaultValue(TicketHolderNames.Buyer).HasSentinel((TicketHolderNames)(-1));
        builder.HasOne<Event>().WithMany().HasForeignKey(s => new { s.TenantId, s.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_event_ticket_settings_max", "max_transfers_per_ticket IS NULL OR max_transfers_per_ticket >= 0"));
    }
}
