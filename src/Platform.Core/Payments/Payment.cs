using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Orders;
using Platform.Tenancy;

namespace Platform.Payments;

/// <summary>A money movement on an order: a payment or a refund, succeeded or failed, through one provider.</summary>
public sealed class Payment : ITenantOwned
{
    public const string KindPayment = "payment";
    public const string KindRefund = "refund";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public required string Provider { get; init; }

    public required string Kind { get; init; }

    public required string Status { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public string? Reference { get; init; }

    public string? Reason { get; init; }

    public bool TestMode { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => new { p.TenantId, p.Id });
        builder.Property(p => p.Provider).HasMaxLength(30);
        builder.Property(p => p.Kind).HasMaxLength(10);
        builder.Property(p => p.Status).HasMaxLength(10);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Reference).HasMaxLength(200);
        builder.Property(p => p.Reason).HasMaxLength(500);
        builder.Property(p => p.CreatedBy).HasMaxLength(200);
        // Named, so it stays a separate index: an unnamed HasIndex over the same columns is the SAME index builder as the
        // unique one below, and the order's payments (read on every payment and order view) were found by a scan.
        builder.HasIndex(p => new { p.TenantId, p.OrderId }, "ix_payments_tenant_id_order_id");
        // Paying twice is impossible: at most one succeeded payment per order, whatever the code path.
        builder.HasIndex(p => new { p.TenantId, p.OrderId }).IsUnique()
            .HasDatabaseName("ux_payments_one_success_per_order").HasFilter("kind = 'payment' AND status = 'succeeded'");
        builder.HasOne<Order>().WithMany().HasForeignKey(p => new { p.TenantId, p.OrderId }).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_payments_kind", "kind IN ('payment', 'refund')");
            t.HasCheckConstraint("ck_payments_status", "status IN ('succeeded', 'failed')");
            t.HasCheckConstraint("ck_payments_amount", "amount >= 0");
        });
    }
}
