using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Payments.Stripe;

public enum StripeAccountKind
{
    /// <summary>A Stripe Connect account (acct_…) charged with the platform's key (direct charges + application fee).</summary>
    Connect,

    /// <summary>The tenant's own secret key and webhook secret, stored encrypted.</summary>
    OwnKeys,
}

/// <summary>A tenant's Stripe payment account: one per tenant.</summary>
public sealed class StripeAccount : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public StripeAccountKind Kind { get; set; }

    public string? ConnectedAccountId { get; set; }

    /// <summary>Data Protection ciphertext of the tenant's secret key; never returned.</summary>
    public string? SecretKeyProtected { get; set; }

    public string? SecretKeyLast4 { get; set; }

    public string? WebhookSecretProtected { get; set; }

    /// <summary>The tenant's own publishable key (own keys only; Connect uses the platform's). Public by design.</summary>
    public string? PublishableKey { get; set; }

    public bool LiveMode { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>
/// Which tenant and order a PaymentIntent belongs to. NOT tenant-owned (its column is owner_tenant_id, so RLS does not
/// apply): the webhook reads it before it knows the tenant, to pick the tenant and the signing secret. It holds ids
/// only, nothing a tenant would mind another seeing, and only the webhook and the Stripe path read it.
/// </summary>
public sealed class StripePaymentIntent
{
    public required string Id { get; init; }

    public Guid OwnerTenantId { get; init; }

    public Guid OrderId { get; init; }

    public string? ConnectedAccountId { get; init; }

    public bool LiveMode { get; init; }

    public long Amount { get; init; }

    public required string Currency { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A Stripe event already handled (deduplication by event id, written in the handling transaction). Not tenant-owned, like the intents.</summary>
public sealed class StripeWebhookEvent
{
    public required string Id { get; init; }

    public Guid OwnerTenantId { get; init; }

    public required string Type { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class StripeAccountConfiguration : IEntityTypeConfiguration<StripeAccount>
{
    public void Configure(EntityTypeBuilder<StripeAccount> builder)
    {
        builder.ToTable("stripe_accounts");
        builder.HasKey(a => new { a.TenantId, a.Id });
        builder.HasIndex(a => a.TenantId).IsUnique();
        builder.Property(a => a.Kind).HasConversion(new Venues.SnakeCaseEnumConverter<StripeAccountKind>()).HasMaxLength(20);
        builder.Property(a => a.ConnectedAccountId).HasMaxLength(255);
        builder.Property(a => a.PublishableKey).HasMaxLength(255);
        builder.Property(a => a.SecretKeyLast4).HasMaxLength(4);
        builder.Property(a => a.UpdatedBy).HasMaxLength(200);
        builder.ToTable(t => t.HasCheckConstraint("ck_stripe_accounts_kind",
            "(kind = 'connect' AND connected_account_id IS NOT NULL) OR (kind = 'own_keys' AND secret_key_protected IS NOT NULL AND webhook_secret_protected IS NOT NULL)"));
    }
}

internal sealed class StripePaymentIntentConfiguration : IEntityTypeConfiguration<StripePaymentIntent>
{
    public void Configure(EntityTypeBuilder<StripePaymentIntent> builder)
    {
        builder.ToTable("stripe_payment_intents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(255);
        builder.Property(i => i.ConnectedAccountId).HasMaxLength(255);
        builder.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(i => new { i.OwnerTenantId, i.OrderId });
    }
}

internal sealed class StripeWebhookEventConfiguration : IEntityTypeConfiguration<StripeWebhookEvent>
{
    public void Configure(EntityTypeBuilder<StripeWebhookEvent> builder)
    {
        builder.ToTable("stripe_webhook_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
    }
}
