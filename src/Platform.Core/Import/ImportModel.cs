using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Tenancy;

namespace Platform.Import;

public enum ImportJobState
{
    /// <summary>Uploaded; a dry run may be asked for; nothing written.</summary>
    Uploaded,
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// The tenant's saved field mapping: which source column feeds which of our fields, which of our ticket types an old
/// ticket-type name becomes, and whether imported tickets keep their old codes for the gate. One row per tenant.
/// </summary>
public sealed class ImportMapping : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>Our field → the source column's header (JSON object).</summary>
    public required string ColumnsJson { get; set; }

    /// <summary>Old ticket-type name → our ticket type id (JSON object).</summary>
    public required string TicketTypesJson { get; set; }

    public bool KeepLegacyCodes { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One uploaded file and its import. The counters and <see cref="OrdersDone"/> advance in the same transaction as each
/// batch they describe, so after a crash the job resumes exactly after the last committed batch.
/// </summary>
public sealed class ImportJob : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string FileName { get; init; }

    /// <summary>csv or xlsx.</summary>
    public required string Format { get; init; }

    /// <summary>The encoding the text was read with (utf-8 or gbk; xlsx is always utf-8).</summary>
    public required string Encoding { get; init; }

    public ImportJobState State { get; set; } = ImportJobState.Uploaded;

    /// <summary>The file's header row (JSON array), read at upload so the mapping form can offer its columns.</summary>
    public required string HeadersJson { get; init; }

    /// <summary>Whether the plan-time verdicts (rejects, unchanged and changed rows) are committed; orders follow in batches.</summary>
    public bool Prepared { get; set; }

    public int TotalRows { get; set; }

    public int RowsDone { get; set; }

    /// <summary>Orders (groups of rows by legacy order reference, in file order) committed: the resume cursor.</summary>
    public int OrdersDone { get; set; }

    public int Created { get; set; }

    public int Changed { get; set; }

    public int Unchanged { get; set; }

    public int Rejected { get; set; }

    public string? Error { get; set; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>
/// The uploaded bytes, kept in PostgreSQL beside the job (ADR 0057): every node's Hangfire worker can read them, they
/// are backed up and isolated by RLS like everything else, and the upload limit keeps them small.
/// </summary>
public sealed class ImportFile : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid JobId { get; init; }

    public required byte[] Content { get; init; }
}

/// <summary>A rejected row of a job's full run: the original cells (JSON) and why, for the rejects file.</summary>
public sealed class ImportReject : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid JobId { get; init; }

    public int RowNumber { get; init; }

    public required string CellsJson { get; init; }

    public required string Reason { get; init; }
}

/// <summary>
/// The natural key of an imported ticket (its legacy code) → what it became. Unique per tenant, so a second run of the
/// same file creates nothing; <see cref="Scannable"/> lets the gate admit the old code (tenant's choice).
/// </summary>
public sealed class ImportedTicket : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string LegacyCode { get; init; }

    public required string LegacyOrderRef { get; init; }

    public Guid OrderId { get; init; }

    public Guid TicketId { get; init; }

    public Guid EventId { get; init; }

    public bool Scannable { get; init; }

    public string? SeatLabel { get; init; }

    public Guid JobId { get; init; }
}

/// <summary>The natural key of an imported order (its legacy reference) → our order.</summary>
public sealed class ImportedOrder : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string LegacyOrderRef { get; init; }

    public Guid OrderId { get; init; }

    public Guid JobId { get; init; }
}

internal sealed class ImportConfigurations :
    IEntityTypeConfiguration<ImportMapping>, IEntityTypeConfiguration<ImportJob>, IEntityTypeConfiguration<ImportFile>,
    IEntityTypeConfiguration<ImportReject>, IEntityTypeConfiguration<ImportedTicket>, IEntityTypeConfiguration<ImportedOrder>
{
    public void Configure(EntityTypeBuilder<ImportMapping> builder)
    {
        builder.ToTable("import_mappings");
        builder.HasKey(m => m.TenantId);
        builder.Property(m => m.ColumnsJson).HasColumnType("jsonb");
        builder.Property(m => m.TicketTypesJson).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.HasKey(j => new { j.TenantId, j.Id });
        builder.Property(j => j.FileName).HasMaxLength(200);
        builder.Property(j => j.Format).HasMaxLength(10);
        builder.Property(j => j.Encoding).HasMaxLength(10);
        builder.Property(j => j.State).HasConversion(new Venues.SnakeCaseEnumConverter<ImportJobState>()).HasMaxLength(20);
        builder.Property(j => j.Error).HasMaxLength(1000);
        builder.Property(j => j.HeadersJson).HasColumnType("jsonb");
        builder.Property(j => j.CreatedBy).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<ImportFile> builder)
    {
        builder.ToTable("import_files");
        builder.HasKey(f => new { f.TenantId, f.JobId });
        builder.HasOne<ImportJob>().WithOne().HasForeignKey<ImportFile>(f => new { f.TenantId, f.JobId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ImportReject> builder)
    {
        builder.ToTable("import_rejects");
        builder.HasKey(r => new { r.TenantId, r.JobId, r.RowNumber });
        builder.Property(r => r.CellsJson).HasColumnType("jsonb");
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.HasOne<ImportJob>().WithMany().HasForeignKey(r => new { r.TenantId, r.JobId }).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ImportedTicket> builder)
    {
        builder.ToTable("imported_tickets");
        builder.HasKey(t => new { t.TenantId, t.LegacyCode });
        builder.Property(t => t.LegacyCode).HasMaxLength(100);
        builder.Property(t => t.LegacyOrderRef).HasMaxLength(100);
        builder.Property(t => t.SeatLabel).HasMaxLength(50);
        builder.HasIndex(t => new { t.TenantId, t.TicketId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ImportedOrder> builder)
    {
        builder.ToTable("imported_orders");
        builder.HasKey(o => new { o.TenantId, o.LegacyOrderRef });
        builder.Property(o => o.LegacyOrderRef).HasMaxLength(100);
    }
}
