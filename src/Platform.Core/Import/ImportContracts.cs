namespace Platform.Import;

/// <summary>The field mapping: our field → the source column's header; old ticket-type name → our ticket type id.</summary>
public sealed record ImportMappingRequest(IReadOnlyDictionary<string, string> Columns, IReadOnlyDictionary<string, Guid> TicketTypes, bool KeepLegacyCodes = true);

public sealed record ImportMappingResponse(IReadOnlyList<string> Fields, IReadOnlyDictionary<string, string> Columns,
    IReadOnlyDictionary<string, Guid> TicketTypes, bool KeepLegacyCodes);

/// <summary>An import job: its file, state and progress. Rows done counts rows decided (created, changed, unchanged or rejected).</summary>
public sealed record ImportJobResponse(Guid Id, string FileName, string Format, string Encoding, ImportJobState State, IReadOnlyList<string> Headers,
    int TotalRows, int RowsDone, int Created, int Changed, int Unchanged, int Rejected, string? Error, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>A dry run over a sample: nothing is written. Customers counts distinct buyers (same e-mail or phone is one).</summary>
public sealed record ImportDryRunResponse(Guid JobId, int SampledRows, int Created, int Changed, int Unchanged, int Rejected, int Orders, int Customers,
    IReadOnlyList<RowVerdict> Rows);

public sealed record ImportDryRunRequest(int? Sample = 100, string? Mode = "first", int? Seed = null);
