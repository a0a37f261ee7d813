using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Import;

/// <summary>
/// The full import, as a Hangfire job taking the tenant id. It re-reads the stored file and re-plans it (planning is
/// deterministic and ignores what this job already wrote), commits the plan-time verdicts once, then writes orders in
/// batches of <see cref="BatchOrders"/>, each in one transaction together with the job's progress. A crash or a
/// failed batch leaves the job at its last committed batch; Hangfire's automatic retry (or starting the job again)
/// resumes from there, and the natural keys (legacy order reference, legacy ticket code) make a repeated batch
/// create nothing twice.
/// </summary>
internal sealed class ImportJobRunner(PlatformDbContext db, TenantContext tenant, ImportPlanner planner, ImportWriter writer, ImportMappingStore mappings,
    IImportFaults faults, TimeProvider clock, ILogger<ImportJobRunner> logger)
{
    public const int BatchOrders = 500;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid tenantId, Guid jobId, CancellationToken ct)
    {
        tenant.Set(tenantId);
        var job = await db.Set<ImportJob>().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.State == ImportJobState.Succeeded)
        {
            return;
        }

        job.State = ImportJobState.Running;
        job.StartedAt ??= clock.GetUtcNow();
        job.Error = null;
        await db.SaveChangesAsync(ct);
        try
        {
            await RunBatchesAsync(tenantId, jobId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            var failed = await db.Set<ImportJob>().FirstAsync(j => j.Id == jobId, CancellationToken.None);
            failed.State = ImportJobState.Failed;
            failed.Error = e is UnprocessableException u ? u.Message : "The import stopped: " + e.GetType().Name + ". Start it again to resume.";
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogError(e, "Import {JobId} of tenant {TenantId} failed after {OrdersDone} orders", jobId, tenantId, failed.OrdersDone);
            if (e is not UnprocessableException)
            {
                throw; // Hangfire retries: the job resumes after its last committed batch
            }
        }
    }

    private async Task RunBatchesAsync(Guid tenantId, Guid jobId, CancellationToken ct)
    {
        var content = await db.Set<ImportFile>().AsNoTracking().Where(f => f.JobId == jobId).Select(f => f.Content).FirstAsync(ct);
        var job = await db.Set<ImportJob>().AsNoTracking().FirstAsync(j => j.Id == jobId, ct);
        var sheet = ImportFileReader.Read(content, job.Format, job.Encoding);
        var mapping = await mappings.GetAsync(ct);
        var rows = sheet.Rows.ToList();
        var plan = await planner.PlanAsync(sheet.Headers, rows, mapping, jobId, ct);
        var types = await db.Set<TicketType>().AsNoTracking().ToDictionaryAsync(t => t.Id, ct);

        if (!job.Prepared)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var tracked = await db.Set<ImportJob>().FirstAsync(j => j.Id == jobId, ct);
            foreach (var verdict in plan.Verdicts.Where(v => v.Outcome == RowOutcome.Rejected))
            {
                db.Add(Reject(tenantId, jobId, verdict.Row, plan.RejectedCells[verdict.Row], verdict.Reason!));
            }

            await writer.RevokeAsync(tenantId, jobId, plan.Revocations, ct);
            tracked.TotalRows = rows.Count;
            tracked.Rejected = plan.Verdicts.Count(v => v.Outcome == RowOutcome.Rejected);
            tracked.Changed = plan.Verdicts.Count(v => v.Outcome == RowOutcome.Changed);
            tracked.Unchanged = plan.Verdicts.Count(v => v.Outcome == RowOutcome.Unchanged);
            tracked.RowsDone = tracked.Rejected + tracked.Changed + tracked.Unchanged;
            tracked.Prepared = true;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            job = tracked;
        }

        for (var done = job.OrdersDone; done < plan.Orders.Count; done += BatchOrders)
        {
            var batch = plan.Orders.Skip(done).Take(BatchOrders).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var tracked = await db.Set<ImportJob>().FirstAsync(j => j.Id == jobId, ct);
            var refused = await writer.WriteAsync(tenantId, jobId, batch, mapping.KeepLegacyCodes, types, ct);
            foreach (var order in batch)
            {
                if (!refused.TryGetValue(order.Ref, out var why))
                {
                    tracked.Created += order.Tickets.Count;
                }
                else if (why == "already_imported")
                {
                    tracked.Unchanged += order.Tickets.Count;
                }
                else
                {
                    tracked.Rejected += order.Tickets.Count;
                    foreach (var ticket in order.Tickets)
                    {
                        db.Add(Reject(tenantId, jobId, ticket.Row, ticket.Cells, why));
                    }
                }
            }

            tracked.RowsDone += batch.Sum(o => o.Tickets.Count);
            tracked.OrdersDone = done + batch.Count;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            faults.BatchCommitted(jobId, done + batch.Count);
        }

        var finished = await db.Set<ImportJob>().FirstAsync(j => j.Id == jobId, ct);
        finished.State = ImportJobState.Succeeded;
        finished.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rejected row as the file had it (its cells in column order; the job keeps the headers) and the reason.</summary>
    public static ImportReject Reject(Guid tenantId, Guid jobId, int row, string[] cells, string reason) => new()
    {
        TenantId = tenantId, JobId = jobId, RowNumber = row, Reason = reason, CellsJson = JsonSerializer.Serialize(cells),
    };
}
