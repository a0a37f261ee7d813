using System.Diagnostics;
using Platform.Import;
using Platform.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Platform.IntegrationTests.Import.ImportScenario;

namespace Platform.IntegrationTests.Import;

/// <summary>
/// A generated legacy file end to end (issue #18 item 4, ADR 0068): the sample dry run, the whole-file dry run (one
/// request, totals exact, verdicts a page at a time), the full import matching the dry run's figures, and a re-import
/// that creates nothing. 2,000 rows in the test suite; scripts/bench-import.sh runs it with IMPORT_BENCH_ROWS=100000
/// and prints the "bench:" lines (rows/s) that docs/benchmarks.md records.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportVolumeTests(PlatformFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedLegacyFile_WholeFileDryRunExact_ImportMatchesIt_ReimportCreatesNothing()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("IMPORT_BENCH_ROWS"), out var n) && n > 0 ? n : 2000;
        var timeout = TimeSpan.FromMinutes(Math.Max(5, count / 1000));
        var s = await CreateAsync(fixture, capacity: count + 10);
        var past = await s.Events.CreateEventAsync(title: LegacyFile.PastEvent, startsAt: LegacyFile.PastStart);
        await s.Events.AddGaTicketAsync(past.Id, (await s.Events.AddQuotaAsync(past.Id, count + 10)).Id);
        var file = LegacyFile.Generate(count);
        var bad = count - file.GoodRows;
        Report($"{count} rows, {file.Content.Length / 1048576.0:F1} MB: {file.GoodRows} good rows in {file.GoodOrders} orders of {file.Customers} " +
               $"customers (a past and an upcoming event), {bad} bad rows ({Reasons(file.Reasons)})");

        var clock = Stopwatch.StartNew();
        var job = await s.UploadAsync(file.Content);
        Report($"upload: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(count, job.TotalRows);

        // The sample first, as the console offers it: the first 100 rows, answered at once.
        clock.Restart();
        var sample = await s.DryRunAsync(job.Id);
        Report($"dry run, sample of the first 100 rows: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal((100, 100), (sample.SampledRows, sample.Rows.Count));

        // The whole file in one request: totals and reasons exact, the verdicts one page at a time.
        clock.Restart();
        var dry = await s.DryRunAsync(job.Id, sample: count);
        var dryTime = clock.Elapsed;
        Report($"dry run, whole file: {count} rows in {dryTime.TotalSeconds:F1} s (one request) = {count / dryTime.TotalSeconds:F0} rows/s; " +
               $"created {dry.Created}, rejected {dry.Rejected}, orders {dry.Orders}, customers {dry.Customers}");
        Assert.Equal((count, file.GoodRows, 0, 0, bad, file.GoodOrders, file.Customers),
            (dry.SampledRows, dry.Created, dry.Changed, dry.Unchanged, dry.Rejected, dry.Orders, dry.Customers));
        Assert.Equal(Reasons(file.Reasons), Reasons(dry.RejectReasons));
        Assert.Equal((Math.Min(count, ImportDryRunRequest.MaxLimit), count), (dry.Rows.Count, dry.RowsMatching));
        Assert.Equal(Enumerable.Range(2, dry.Rows.Count), dry.Rows.Select(r => r.Row));
        var rejects = await s.DryRunAsync(job.Id, sample: count, outcome: "rejected", offset: 1, limit: 10);
        Assert.Equal((bad, 10), (rejects.RowsMatching, rejects.Rows.Count));
        Assert.All(rejects.Rows, r => Assert.Equal(RowOutcome.Rejected, r.Outcome));
        Assert.Equal(101, rejects.Rows[0].Row); // the second bad row: every 50th line of the file, after the header

        // The full import, in the background: exactly what the dry run said.
        clock.Restart();
        var done = await s.ImportAsync(job.Id, timeout);
        var jobTime = done.FinishedAt - done.StartedAt;
        Report($"import: {count} rows in {jobTime?.TotalSeconds:F1} s job time ({clock.Elapsed.TotalSeconds:F1} s from start to seen done) = " +
               $"{count / jobTime?.TotalSeconds:F0} rows/s; created {done.Created}, rejected {done.Rejected}");
        Assert.Equal((ImportJobState.Succeeded, count, dry.Created, dry.Changed, dry.Unchanged, dry.Rejected),
            (done.State, done.RowsDone, done.Created, done.Changed, done.Unchanged, done.Rejected));
        Assert.Equal(dry.Created, await s.ScalarAsync<long>("SELECT count(*) FROM tickets WHERE tenant_id = @t AND state = 'valid'"));
        Assert.Equal(dry.Created, await s.ScalarAsync<long>("SELECT sum(sold) FROM quota_counters WHERE tenant_id = @t"));
        Assert.Equal(dry.Orders, await s.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t AND state = 'paid'"));
        Assert.Equal(dry.Orders, await s.ScalarAsync<long>("SELECT count(*) FROM payments WHERE tenant_id = @t AND provider = 'legacy'"));
        Assert.Equal(dry.Rejected, await s.ScalarAsync<long>($"SELECT count(*) FROM import_rejects WHERE tenant_id = @t AND job_id = '{job.Id}'"));
        Assert.Equal(file.Customers, await s.ScalarAsync<long>("SELECT count(DISTINCT buyer_email_hash) FROM orders WHERE tenant_id = @t"));

        // The same file again: the dry run and the import both create nothing; the good rows are unchanged.
        var again = await s.UploadAsync(file.Content, "legacy-again.csv");
        clock.Restart();
        var againDry = await s.DryRunAsync(again.Id, sample: count);
        var againDryTime = clock.Elapsed;
        var againDone = await s.ImportAsync(again.Id, timeout);
        Report($"re-import: dry run {againDryTime.TotalSeconds:F1} s, import {(againDone.FinishedAt - againDone.StartedAt)?.TotalSeconds:F1} s job time; " +
               $"created {againDone.Created}, unchanged {againDone.Unchanged}, rejected {againDone.Rejected}");
        Assert.Equal((0, file.GoodRows, bad), (againDry.Created, againDry.Unchanged, againDry.Rejected));
        Assert.Equal((ImportJobState.Succeeded, 0, file.GoodRows, bad), (againDone.State, againDone.Created, againDone.Unchanged, againDone.Rejected));
        Assert.Equal(dry.Created, await s.ScalarAsync<long>("SELECT count(*) FROM tickets WHERE tenant_id = @t"));
        Assert.Equal(dry.Created, await s.ScalarAsync<long>("SELECT sum(sold) FROM quota_counters WHERE tenant_id = @t"));
        Report($"exact: dry run created {dry.Created} / rejected {dry.Rejected} = import created {done.Created} / rejected {done.Rejected}; " +
               $"re-import created {againDone.Created}; tickets in the database {dry.Created}");
    }

    private void Report(string line) => output.WriteLine("bench: " + line);
}
