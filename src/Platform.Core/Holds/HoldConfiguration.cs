using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Events;
using Platform.Pricing;
using Platform.Sales;
using Platform.Venues;

namespace Platform.Holds;

internal sealed class HoldConfiguration : IEntityTypeConfiguration<Hold>
{
    public void Configure(EntityTypeBuilder<Hold> builder)
    {
        builder.ToTable("holds");
        builder.HasKey(h => new { h.TenantId, h.Id });
        builder.Property(h => h.TokenHash).HasMaxLength(64);
        builder.Property(h => h.Channel).HasConversion(new SnakeCaseEnumConverter<SalesChannel>()).HasMaxLength(20);
        builder.Property(h => h.State).HasConversion(new SnakeCaseEnumConverter<HoldState>()).HasMaxLength(10);
        builder.Property(h => h.BuyerAccountKey).HasMaxLength(200);
        builder.Property(h => h.BuyerEmailKey).HasMaxLength(80);
        builder.Property(h => h.CreatedBy).HasMaxLength(200);
        // Inline reclaim and the cleanup job look only at active holds past their expiry.
        builder.HasIndex(h => new { h.TenantId, h.ExpiresAt }).HasFilter("state = 'active'");
        builder.HasIndex(h => new { h.TenantId, h.Id }, "ix_holds_unsettled").HasDatabaseName("ix_holds_unsettled").HasFilter("state = 'converted' AND NOT quota_settled");
        builder.HasOne<EventOccurrence>().WithMany().HasForeignKey(h => new { h.TenantId, h.OccurrenceId }).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_holds_state", "state IN ('active', 'converted', 'released', 'expired')");
            t.HasCheckConstraint("ck_holds_quantity", "quantity > 0");
        });
    }
}

internal sealed class HoldItemConfiguration : IEntityTypeConfiguration<HoldItem>
{
    public void Configure(EntityTypeBuilder<HoldItem> builder)
    {
        builder.ToTable("hold_items");
        builder.HasKey(i => new { i.TenantId, i.Id });
        builder.HasIndex(i => new { i.TenantId, i.HoldId });
        builder.HasOne<Hold>().WithMany().HasForeignKey(i => new { i.TenantId, i.HoldId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TicketType>().WithMany().HasForeignKey(i => new { i.TenantId, i.TicketTypeId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Audience).HasConversion(new SnakeCaseEnumConverter<Audience>()).HasMaxLength(10);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_hold_items_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_hold_items_audience", "audience IN ('adult', 'child', 'senior', 'student')");
        });
    }
}

internal sealed class BuyerEventCounterConfiguration : IEntityTypeConfiguration<BuyerEventCounter>
{
    public void Configure(EntityTypeBuilder<BuyerEventCounter> builder)
    {
        builder.ToTable("buyer_event_counters");
        builder.HasKey(c => new { c.TenantId, c.EventId, c.BuyerKey });
        builder.Property(c => c.BuyerKey).HasMaxLength(200);
        builder.HasOne<Event>().WithMany().HasForeignKey(c => new { c.TenantId, c.EventId }).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_buyer_event_counters_tickets", "tickets >= 0"));
    }
}
