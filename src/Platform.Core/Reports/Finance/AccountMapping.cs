using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Reports.Finance;

/// <summary>One entry of a tenant's chart-of-accounts mapping: a posting key (<see cref="ChartOfAccounts.Keys"/>) → the tenant's account number.</summary>
public sealed class AccountMapping : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Key { get; init; }

    public required string Account { get; set; }
}

internal sealed class AccountMappingConfiguration : IEntityTypeConfiguration<AccountMapping>
{
    public void Configure(EntityTypeBuilder<AccountMapping> builder)
    {
        builder.ToTable("account_mappings");
        builder.HasKey(m => new { m.TenantId, m.Key });
        builder.Property(m => m.Key).HasMaxLength(40);
        builder.Property(m => m.Account).HasMaxLength(40);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The posting keys a journal uses and their default accounts (a small SKR-like default; every tenant maps its own).
/// Money taken is debited to the clearing account of its payment method (<c>clearing.cash</c>, …, falling back to
/// <c>clearing</c>); the sale is credited to ticket revenue, fee revenue and tax payable; a refund debits
/// <c>refunds</c> and credits the clearing account it left from. Stripe's fees debit <c>provider_fees</c>, the
/// platform's application fees <c>platform_fees</c>, and payouts <c>bank</c>, each against the Stripe clearing account.
/// </summary>
public static class ChartOfAccounts
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["clearing"] = "1360",
        ["clearing.cash"] = "1000",
        ["clearing.card_terminal"] = "1361",
        ["clearing.stripe"] = "1362",
        ["clearing.sandbox"] = "1369",
        ["ticket_revenue"] = "8400",
        ["fee_revenue"] = "8410",
        ["tax_payable"] = "1776",
        ["refunds"] = "8720",
        // What the payment provider keeps and pays out (ADR 0059): its fees, the platform's fees, and the bank it pays into.
        ["provider_fees"] = "4970",
        ["platform_fees"] = "4971",
        ["bank"] = "1200",
    };

    public static IEnumerable<string> Keys => Defaults.Keys;
}
