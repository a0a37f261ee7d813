using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Tickets.Ledger;

/// <summary>
/// One provenance entry of a ticket. Appended unsealed (no seq, no hashes) in the unit of work of the change it
/// records, so issuing thousands of tickets never queues behind a tenant-wide lock; a sealer later gives unsealed
/// entries their place in the tenant's chain (seq, prev_hash, hash) under the tenant's head row lock. A trigger
/// refuses UPDATE or DELETE of sealed entries. See docs/adr/0012-ticket-ledger-sealing.md.
/// </summary>
internal sealed class LedgerEntry : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public long? Seq { get; set; }

    public Guid TicketId { get; init; }

    /// <summary>issued, transferred, revoked, checked_in, …</summary>
    public required string Kind { get; init; }

    /// <summary>The entry's details as a JSON object, hashed as the exact stored text.</summary>
    public required string Data { get; init; }

    public string? Actor { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public string? PrevHash { get; set; }

    public string? Hash { get; set; }
}

/// <summary>The tail of a tenant's chain: the last sealed seq and hash. Sealers lock it; verification compares to it, so a deleted tail shows.</summary>
internal sealed class LedgerHead : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long Seq { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ticket_ledger_entries");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Kind).HasMaxLength(30);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.PrevHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => new { e.TenantId, e.Seq }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.TicketId });
        builder.HasIndex(e => new { e.TenantId, e.Id }).HasFilter("seq IS NULL").HasDatabaseName("ix_ticket_ledger_entries_unsealed");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerHeadConfiguration : IEntityTypeConfiguration<LedgerHead>
{
    public void Configure(EntityTypeBuilder<LedgerHead> builder)
    {
        builder.ToTable("ticket_ledger_heads");
        builder.HasKey(h => h.TenantId);
        builder.Property(h => h.Hash).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
