using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Payments.Stripe.Balance;

/// <summary>
/// One of Stripe's balance transactions on the tenant's Stripe account, as the sync last saw it: a charge, a refund,
/// a payout or anything else Stripe moves through the balance (ADR 0059). Amounts in minor units of
/// <see cref="Currency"/> (the balance's settlement currency); <see cref="SourceAmount"/> and
/// <see cref="SourceCurrency"/> are the charge's or refund's own figures, which are what our payments compare with.
/// </summary>
public sealed class StripeBalanceTransaction : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>Stripe's id (txn_…).</summary>
    public required string Id { get; init; }

    /// <summary>The connected account (acct_…) or null for the tenant's own keys.</summary>
    public string? Account { get; set; }

    /// <summary>Stripe's type: charge, refund, payout, adjustment, …</summary>
    public required string Type { get; set; }

    public long Amount { get; set; }

    /// <summary>Everything Stripe took: <see cref="StripeFee"/> + <see cref="ApplicationFee"/> (+ other fees Stripe names).</summary>
    public long Fee { get; set; }

    /// <summary>Stripe's own processing fees (fee details of type stripe_fee and tax).</summary>
    public long StripeFee { get; set; }

    /// <summary>The platform's application fee (fee details of type application_fee; negative when refunded).</summary>
    public long ApplicationFee { get; set; }

    public long Net { get; set; }

    public required string Currency { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset AvailableOn { get; set; }

    /// <summary>ch_…, re_…, po_…: what moved the money.</summary>
    public string? SourceId { get; set; }

    /// <summary>The PaymentIntent of a charge or refund (our payment's reference for a charge).</summary>
    public string? PaymentIntentId { get; set; }

    public long? SourceAmount { get; set; }

    public string? SourceCurrency { get; set; }

    /// <summary>Our payment or refund row, when the sync found it (the report matches again, live).</summary>
    public Guid? PaymentId { get; set; }

    /// <summary>The payout (po_…) that paid this transaction out to the bank; a payout's own row names itself.</summary>
    public string? PayoutId { get; set; }

    public DateTimeOffset SyncedAt { get; set; }
}

/// <summary>Where the tenant's last sync got to: one row per tenant.</summary>
public sealed class StripeBalanceSyncState : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string? Account { get; set; }

    /// <summary>The newest transaction's creation time seen: the next sync asks from here minus an overlap.</summary>
    public DateTimeOffset? LastCreated { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>Why the last attempt failed (Stripe's error), or null when it succeeded.</summary>
    public string? LastError { get; set; }
}

internal sealed class StripeBalanceTransactionConfiguration : IEntityTypeConfiguration<StripeBalanceTransaction>
{
    public void Configure(EntityTypeBuilder<StripeBalanceTransaction> builder)
    {
        builder.ToTable("stripe_balance_transactions");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.Property(t => t.Id).HasMaxLength(255);
        builder.Property(t => t.Account).HasMaxLength(255);
        builder.Property(t => t.Type).HasMaxLength(50);
        builder.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.SourceId).HasMaxLength(255);
        builder.Property(t => t.PaymentIntentId).HasMaxLength(255);
        builder.Property(t => t.SourceCurrency).HasMaxLength(3).IsFixedLength();
        builder.Property(t => t.PayoutId).HasMaxLength(255);
        // The report reads a tenant's period by creation time.
        builder.HasIndex(t => new { t.TenantId, t.Created });
        // …and matches our payments by PaymentIntent (charges) and by refund id (refunds).
        builder.HasIndex(t => new { t.TenantId, t.PaymentIntentId });
        builder.HasIndex(t => new { t.TenantId, t.SourceId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StripeBalanceSyncStateConfiguration : IEntityTypeConfiguration<StripeBalanceSyncState>
{
    public void Configure(EntityTypeBuilder<StripeBalanceSyncState> builder)
    {
        builder.ToTable("stripe_balance_syncs");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.Account).HasMaxLength(255);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
