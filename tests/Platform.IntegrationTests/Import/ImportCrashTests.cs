using System.Net;
using Platform.Import;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Import.ImportScenario;

namespace Platform.IntegrationTests.Import;

/// <summary>A full import killed between two batches resumes from its cursor (issue #18 item 4, ADR 0057).</summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportCrashTests(PlatformFixture fixture)
{
    [Fact]
    public async Task FullImport_KilledAfterFirstBatch_ResumesFromCursor_TotalsExact_RerunCreatesNothing()
    {
        const int count = 1200; // batches of 500, 500 and 200 orders (one ticket each)
        var s = await CreateAsync(fixture, capacity: count);
        var file = Csv(Enumerable.Range(1, count).Select(i => Row($"K-{i:D5}", $"KC-{i:D5}", email: $"k{i}@example.com", name: $"Buyer {i}", phone: $"+49 30 {2000000 + i}")));
        var job = await s.UploadAsync(file);
        fixture.ImportCrashes.Arm(job.Id, afterOrders: ImportJobRunner.BatchOrders);

        (await s.Admin.PostAsync($"/api/v1/imports/{job.Id}/start", null)).EnsureSuccessStatusCode();
        var crashed = await s.WaitAsync(job.Id, j => j.State == ImportJobState.Failed, TimeSpan.FromMinutes(2));

        // Killed after the first batch committed: exactly that batch is in, with its progress.
        Assert.Equal((ImportJobState.Failed, 500, 500), (crashed.State, crashed.Created, crashed.RowsDone));
        Assert.Equal(500L, await s.ScalarAsync<long>("SELECT count(*) FROM imported_orders WHERE tenant_id = @t"));
        Assert.Equal(500L, await s.ScalarAsync<long>("SELECT sum(sold) FROM quota_counters WHERE tenant_id = @t"));

        // Hangfire's automatic retry resumes after the committed batch.
        var done = await s.WaitAsync(job.Id, j => j.State == ImportJobState.Succeeded, TimeSpan.FromMinutes(4));
        Assert.Equal((ImportJobState.Succeeded, count, count, 0, 0, 0), (done.State, done.RowsDone, done.Created, done.Unchanged, done.Rejected, done.Changed));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT count(*) FROM imported_orders WHERE tenant_id = @t"));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t AND state = 'paid'"));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t AND provider = 'legacy'"));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT count(*) FROM tickets WHERE tenant_id = @t AND state = 'valid'"));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT count(*) FROM ticket_ledger_entries WHERE tenant_id = @t AND kind = 'issued'"));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT sum(sold) FROM quota_counters WHERE tenant_id = @t"));

        // Running it again creates nothing: the finished job refuses to start, and the same file as a new job is all unchanged.
        await (await s.Admin.PostAsync($"/api/v1/imports/{job.Id}/start", null)).ProblemAsync(HttpStatusCode.Conflict);
        var again = await s.ImportAsync((await s.UploadAsync(file)).Id, TimeSpan.FromMinutes(3));
        Assert.Equal((ImportJobState.Succeeded, 0, count), (again.State, again.Created, again.Unchanged));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT count(*) FROM tickets WHERE tenant_id = @t"));
        Assert.Equal(count, await s.ScalarAsync<long>("SELECT sum(sold) FROM quota_counters WHERE tenant_id = @t"));
    }
}
