using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Events;
using Platform.Holds;
using Platform.Pricing;
using Platform.Sales;
using Platform.Venues;

namespace Platform.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => new { o.TenantId, o.Id });
        builder.Property(o => o.TokenHash).HasMaxLength(64);
        builder.Property(o => o.Channel).HasConversion(new SnakeCaseEnumConverter<SalesChannel>()).HasMaxLength(20);
        builder.Property(o => o.State).HasConversion(new SnakeCaseEnumConverter<OrderState>()).HasMaxLength(20);
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.QuoteJson).HasColumnType("jsonb");
        builder.Property(o => o.PromoCode).HasMaxLength(40);
        builder.Property(o => o.BuyerEmailHash).HasMaxLength(64);
        builder.Property(o => o.CreatedBy).HasMaxLength(200);
        builder.Property(o => o.Version).IsRowVersion();
        // One order per hold, enforced by the database.
        builder.HasIndex(o => new { o.TenantId, o.HoldId }).IsUnique();
        builder.HasIndex(o => new { o.TenantId, o.BuyerEmailHash });
        // Order search (ADR 0033): phone digits by b-tree, name words by GIN over the key array (RLS and the query
        // filter add the tenant; a name key is a hash, so another tenant's matches are few and filtered at once).
        builder.Property(o => o.BuyerPhoneKey).HasMaxLength(64);
        builder.Property(o => o.BuyerNameKeys).HasDefaultValueSql("'{}'::text[]");
        builder.HasIndex(o => new { o.TenantId, o.BuyerPhoneKey });
        builder.HasIndex(o => o.BuyerNameKeys).HasMethod("gin");
        builder.HasIndex(o => new { o.TenantId, o.EventId, o.State });
        builder.HasOne<Hold>().WithMany().HasForeignKey(o => new { o.TenantId, o.HoldId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Event>().WithMany().HasForeignKey(o => new { o.TenantId, o.EventId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_orders_state",
                "state IN ('pending_payment', 'paid', 'partially_refunded', 'refunded', 'expired', 'cancelled')");
            t.HasCheckConstraint("ck_orders_refunded", "refunded_amount >= 0 AND refunded_amount <= total");
        });
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.ToTable("order_lines");
        builder.HasKey(l => new { l.TenantId, l.Id });
        builder.HasIndex(l => new { l.TenantId, l.OrderId });
        builder.HasOne<Order>().WithMany().HasForeignKey(l => new { l.TenantId, l.OrderId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TicketType>().WithMany().HasForeignKey(l => new { l.TenantId, l.TicketTypeId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Audience).HasConversion(new SnakeCaseEnumConverter<Audience>()).HasMaxLength(10);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_order_lines_refunds", "refunded_quantity >= 0 AND refunded_quantity <= quantity");
            t.HasCheckConstraint("ck_order_lines_audience", "audience IN ('adult', 'child', 'senior', 'student')");
        });
    }
}
