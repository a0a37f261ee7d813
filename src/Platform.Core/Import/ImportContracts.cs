namespace Platform.Import;

/// <summary>The field mapping: our field → the source column's header; old ticket-type name → our ticket type id.</summary>
public sealed record ImportMappingRequest(IReadOnlyDictionary<string, string> Columns, IReadOnlyDictionary<string, Guid> TicketTypes, bool KeepLegacyCodes = true);

public sealed record ImportMappingResponse(IReadOnlyList<string> Fields, IReadOnlyDictionary<string, string> Columns,
    IReadOnlyDictionary<string, Guid> TicketTypes, bool KeepLegacyCodes);

/// <summary>An import job: its file, state and progress. Rows done counts rows decided (created, changed, unchanged or rejected).</summary>
public sealed record ImportJobResponse(Guid Id, string FileName, string Format, string Encoding, ImportJobState State, IReadOnlyList<string> Headers,
    int TotalRows, int RowsDone, int Created, int Changed, int Unchanged, int Rejected, string? Error, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// A dry run over a sample: nothing is written. The counts cover the whole sample; <see cref="Rows"/> is one page of
/// its verdicts (those matching the request's outcome filter, from its offset), so a dry run of a whole 100,000-row
/// file answers with its totals and reasons and a page of rows, not 100,000 rows at once (ADR 0068). Customers counts
/// distinct buyers (same e-mail or phone is one); RejectReasons counts the sample's rejected rows by reason.
/// </summary>
public sealed record ImportDryRunResponse(Guid JobId, int SampledRows, int Created, int Changed, int Unchanged, int Rejected, int Orders, int Customers,
    IReadOnlyDictionary<string, int> RejectReasons, int RowsMatching, int? NextOffset, IReadOnlyList<RowVerdict> Rows);

/// <summary>
/// Sample: how many rows (up to the whole file); mode first or random (seeded); offset, limit (1–1000) and outcome
/// (created, changed, unchanged or rejected) choose the page of verdicts returned.
/// </summary>
public sealed record ImportDryRunRequest(int? Sample = 100, string? Mode = "first", int? Seed = null, int? Offset = 0, int? Limit = 1000,
    string? Outcome = null)
{
    public const int MaxLimit = 1000;
}
