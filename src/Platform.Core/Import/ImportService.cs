using System.Runtime.CompilerServices;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Reports.Exports;
using Platform.Tenancy;

namespace Platform.Import;

/// <summary>Upload, dry run, start and progress of imports; the templates and the rejects file.</summary>
internal sealed class ImportService(PlatformDbContext db, TenantContext tenant, ImportPlanner planner, ImportMappingStore mappings,
    IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>
    /// The largest upload: about 200,000 rows of a typical legacy export. The file is kept whole in PostgreSQL for the
    /// job, so a larger one (a 200 MB dump) is refused up front with 413 rather than read into memory.
    /// </summary>
    public const long MaxUploadBytes = 32 * 1024 * 1024;

    public const int MaxDryRunSample = 200_000;

    public async Task<ImportJobResponse> UploadAsync(Stream body, string? fileName, string? format, string? encoding, string? actor, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "import" : Path.GetFileName(fileName.Trim());
        name = name[..Math.Min(200, name.Length)];
        var kind = ImportFileReader.Format(format, name) ?? throw new UnprocessableException("import_format_unsupported",
            "The file must be CSV or XLSX: name it .csv or .xlsx, or pass format=csv or format=xlsx.",
            new Dictionary<string, string[]> { ["format"] = ["'format' must be csv or xlsx."] });
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        if (content.Length == 0)
        {
            throw new UnprocessableException("import_file_empty", "The file is empty.");
        }

        var text = kind == ImportFileReader.Xlsx ? ImportFileReader.Utf8 : ImportFileReader.DetectEncoding(content, encoding);
        var sheet = ImportFileReader.Read(content, kind, text);
        var job = new ImportJob
        {
            TenantId = tenant.RequiredTenantId, FileName = name, Format = kind, Encoding = text, HeadersJson = JsonSerializer.Serialize(sheet.Headers),
            CreatedBy = actor, CreatedAt = clock.GetUtcNow(), TotalRows = sheet.Rows.Count(),
        };
        db.Add(job);
        db.Add(new ImportFile { TenantId = job.TenantId, JobId = job.Id, Content = content });
        await db.SaveChangesAsync(ct);
        return ToResponse(job);
    }

    public async Task<ImportJobResponse?> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct) is { } job ? ToResponse(job) : null;

    public async Task<List<ImportJobResponse>> ListAsync(CancellationToken ct) =>
        [.. (await db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.Id).Take(50).ToListAsync(ct)).Select(ToResponse)];

    /// <summary>
    /// Plans a sample exactly as the full run would (including stock: orders beyond what a quota has left are
    /// rejected sold_out) and writes nothing. The sample is the first N rows, or N rows drawn with a seeded shuffle so
    /// the same seed shows the same rows; N may be the whole file. The answer carries the sample's totals and one page
    /// of its verdicts (ADR 0068): planning is linear in the rows, the answer is bounded by the page.
    /// </summary>
    public async Task<ImportDryRunResponse?> DryRunAsync(Guid id, ImportDryRunRequest request, CancellationToken ct)
    {
        var size = request.Sample ?? 100;
        var mode = (request.Mode ?? "first").Trim().ToLowerInvariant();
        var (offset, limit) = (request.Offset ?? 0, request.Limit ?? ImportDryRunRequest.MaxLimit);
        RowOutcome? only = null;
        var errors = new Dictionary<string, string[]>();
        if (size is < 1 or > MaxDryRunSample)
        {
            errors["sample"] = [$"'sample' must be between 1 and {MaxDryRunSample}."];
        }

        if (mode is not ("first" or "random"))
        {
            errors["mode"] = ["'mode' must be first or random."];
        }

        if (offset < 0)
        {
            errors["offset"] = ["'offset' must be 0 or more."];
        }

        if (limit is < 1 or > ImportDryRunRequest.MaxLimit)
        {
            errors["limit"] = [$"'limit' must be between 1 and {ImportDryRunRequest.MaxLimit}."];
        }

        if (request.Outcome is { } outcome)
        {
            // By name only: Enum.TryParse would also take "1" or "created,changed".
            if (Enum.GetValues<RowOutcome>().Where(r => string.Equals(r.ToString(), outcome.Trim(), StringComparison.OrdinalIgnoreCase)).Select(r => (RowOutcome?)r)
                    .FirstOrDefault() is { } parsed)
            {
                only = parsed;
            }
            else
            {
                errors["outcome"] = ["'outcome' must be created, changed, unchanged or rejected."];
            }
        }

        if (errors.Count > 0)
        {
            throw new UnprocessableException("validation_failed", "The dry run request is invalid.", errors);
        }

        var job = await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return null;
        }

        var content = await db.Set<ImportFile>().AsNoTracking().Where(f => f.JobId == id).Select(f => f.Content).FirstAsync(ct);
        var sheet = ImportFileReader.Read(content, job.Format, job.Encoding);
        IEnumerable<ImportRow> rows;
        if (mode == "first")
        {
            rows = sheet.Rows.Take(size);
        }
        else
        {
            var all = sheet.Rows.ToList();
            var random = new Random(request.Seed ?? 0);
            rows = all.Select(r => (Key: random.Next(), Row: r)).OrderBy(x => x.Key).Take(size).Select(x => x.Row).OrderBy(r => r.Number).ToList();
        }

        var plan = await planner.PlanAsync(sheet.Headers, rows, await mappings.GetAsync(ct), null, ct);
        var verdicts = await WithStockAsync(plan, ct);
        // One pass over the verdicts for every figure: a dry run of a whole file must stay linear in its rows.
        var (created, changed, unchanged, rejected) = (0, 0, 0, 0);
        var createdOrders = new HashSet<string>(StringComparer.Ordinal);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in verdicts)
        {
            switch (v.Outcome)
            {
                case RowOutcome.Created:
                    created++;
                    createdOrders.Add(v.OrderRef!);
                    break;
                case RowOutcome.Changed:
                    changed++;
                    break;
                case RowOutcome.Unchanged:
                    unchanged++;
                    break;
                default:
                    rejected++;
                    reasons[v.Reason!] = reasons.GetValueOrDefault(v.Reason!) + 1;
                    break;
            }
        }

        var matching = only is { } o ? verdicts.Where(v => v.Outcome == o).ToList() : verdicts;
        var page = matching.Skip(offset).Take(limit).ToList();
        int? next = offset + page.Count < matching.Count ? offset + page.Count : null;
        return new ImportDryRunResponse(id, verdicts.Count, created, changed, unchanged, rejected, createdOrders.Count, plan.Customers, reasons, matching.Count,
            next, page);
    }

    /// <summary>
    /// Marks created rows of orders that would not fit their quota's remaining stock (file order) as rejected sold_out.
    /// Seated tickets draw on their seat, which the planner already judged (free, and once per file), and on a quota only if their type has one.
    /// </summary>
    private async Task<List<RowVerdict>> WithStockAsync(ImportPlan plan, CancellationToken ct)
    {
        var types = await db.Set<TicketType>().AsNoTracking().Where(t => t.QuotaId != null).ToDictionaryAsync(t => t.Id, t => t.QuotaId!.Value, ct);
        var left = await db.Set<QuotaCounter>().AsNoTracking()
            .ToDictionaryAsync(c => (c.QuotaId, c.OccurrenceId), c => c.Capacity - c.Held - c.Sold, ct);
        var soldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in plan.Orders)
        {
            var need = order.Tickets.Where(t => types.ContainsKey(t.TicketTypeId)).GroupBy(t => types[t.TicketTypeId]).Select(g => (Key: (g.Key, order.OccurrenceId), Count: g.Count())).ToList();
            if (need.All(n => left.GetValueOrDefault(n.Key) >= n.Count))
            {
                need.ForEach(n => left[n.Key] -= n.Count);
            }
            else
            {
                soldOut.Add(order.Ref);
            }
        }

        return [.. plan.Verdicts.Select(v => v.Outcome == RowOutcome.Created && soldOut.Contains(v.OrderRef!) ? v with { Outcome = RowOutcome.Rejected, Reason = "sold_out" } : v)];
    }

    /// <summary>Queues the full run; a failed job may be started again and resumes after its last committed batch.</summary>
    public async Task<ImportJobResponse?> StartAsync(Guid id, CancellationToken ct)
    {
        var job = await db.Set<ImportJob>().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return null;
        }

        if (job.State is not (ImportJobState.Uploaded or ImportJobState.Failed))
        {
            throw new ConflictException("import_already_started", $"The import is {job.State.ToString().ToLowerInvariant()}; only an uploaded or failed import can be started.");
        }

        job.State = ImportJobState.Queued;
        await db.SaveChangesAsync(ct);
        var tenantId = tenant.RequiredTenantId;
        jobs.Enqueue<ImportJobRunner>(r => r.RunAsync(tenantId, id, CancellationToken.None));
        return ToResponse(job);
    }

    /// <summary>The rejects file: the original columns plus a reason column, every text cell neutralised against formulas.</summary>
    public async Task<ReportTable?> RejectsAsync(Guid id, CancellationToken ct)
    {
        var job = await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return null;
        }

        var headers = JsonSerializer.Deserialize<string[]>(job.HeadersJson)!;
        // Headers come from the uploaded file too: neutralised here, since the exporter writes column names as given.
        var columns = headers.Append("reason").Select(CellSafety.Neutralise).ToList();
        return new ReportTable($"import-{id:N}-rejects", columns, RejectRows(id, headers.Length, ct));
    }

    private async IAsyncEnumerable<object?[]> RejectRows(Guid id, int width, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var reject in db.Set<ImportReject>().AsNoTracking().Where(r => r.JobId == id).OrderBy(r => r.RowNumber).AsAsyncEnumerable().WithCancellation(ct))
        {
            var cells = JsonSerializer.Deserialize<string[]>(reject.CellsJson)!;
            var row = new object?[width + 1];
            for (var i = 0; i < width; i++)
            {
                row[i] = i < cells.Length ? cells[i] : "";
            }

            row[width] = reject.Reason;
            yield return row;
        }
    }

    /// <summary>A template: the header row of our field names and one example row.</summary>
    public static ReportTable Template() =>
        new("import-template", ImportFields.All, ExampleRows());

    private static async IAsyncEnumerable<object?[]> ExampleRows()
    {
        await Task.CompletedTask;
        yield return [.. ImportFields.All.Select(f => (object?)ImportFields.Examples[f])];
    }

    private static ImportJobResponse ToResponse(ImportJob j) => new(j.Id, j.FileName, j.Format, j.Encoding, j.State,
        JsonSerializer.Deserialize<string[]>(j.HeadersJson)!, j.TotalRows, j.RowsDone, j.Created, j.Changed, j.Unchanged, j.Rejected, j.Error,
        j.CreatedAt, j.StartedAt, j.FinishedAt);
}
