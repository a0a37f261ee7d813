using System.Diagnostics;
using System.Net;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BackgroundJobs;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Payments.Stripe;
using Platform.Payments.Stripe.Balance;
using Platform.Reports.Finance.Provider;

namespace Platform.IntegrationTests.BackgroundJobs;

/// <summary>
/// A person's job is never queued behind an hourly fan-out: a CI run pressed "sync now" just after :17, when the
/// hourly Stripe sync had queued one job per tenant ahead of it, and waited over 90 s.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class JobQueuesTests(PlatformFixture fixture)
{
    [Fact]
    public async Task SyncNow_WithAPeriodicFanOutQueuedAhead_RunsFirst()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 10);
        await s.ConnectAsync();
        using var finance = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "finance"));
        var before = (await (await finance.GetAsync(ProviderReconciliationEndpoints.Path)).ReadAsync<ProviderReconciliationResponse>()).Sync?.LastAttemptAt;
        var jobs = fixture.Factory.Services.GetRequiredService<IBackgroundJobClient>();
        // Every worker of the run busy: 100 s of work in all (400 × 250 ms), queued before the person's job.
        var ranBefore = SlowPeriodicJob.Runs;
        var fanOut = Enumerable.Range(0, 400).Select(_ => jobs.Enqueue<SlowPeriodicJob>(JobQueues.Periodic, j => j.RunAsync())).ToList();
        try
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Accepted, (await finance.PostAsync(ProviderReconciliationEndpoints.Path + "/sync", null)).StatusCode);
            while ((await (await finance.GetAsync(ProviderReconciliationEndpoints.Path)).ReadAsync<ProviderReconciliationResponse>()).Sync?.LastAttemptAt == before)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), "the sync waited behind the periodic fan-out");
                await Task.Delay(100);
            }

            // Lower priority, not starved: the servers take periodic jobs too.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (SlowPeriodicJob.Runs == ranBefore)
            {
                Assert.True(DateTime.UtcNow < deadline, "no periodic job ran: the servers do not listen on the periodic queue");
                await Task.Delay(100);
            }
        }
        finally
        {
            foreach (var id in fanOut)
            {
                jobs.Delete(id);
            }
        }
    }

    [Fact]
    public async Task HourlyStripeSync_FansOutToThePeriodicQueue()
    {
        await fixture.CreateTenantAsync("jq");
        var recorder = new RecordingJobClient();
        var sweep = new StripeBalanceSyncJob(fixture.Factory.Services.GetRequiredService<IServiceScopeFactory>(), recorder, NullLogger<StripeBalanceSyncJob>.Instance);

        await sweep.EnqueueAllTenantsAsync();

        Assert.NotEmpty(recorder.Queues);
        Assert.All(recorder.Queues, q => Assert.Equal(JobQueues.Periodic, q));
    }

    [Fact]
    public void Periodic_SortsAfterDefault() => Assert.True(string.CompareOrdinal(JobQueues.Default, JobQueues.Periodic) < 0);

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<string?> Queues { get; } = [];

        public string Create(Job job, IState state)
        {
            Queues.Add(job.Queue ?? (state as EnqueuedState)?.Queue); // Hangfire 1.8 keeps an explicit queue on the job
            return Queues.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}

/// <summary>A stand-in for one tenant's share of a periodic sweep: a quarter of a second of a worker's time.</summary>
public sealed class SlowPeriodicJob
{
    private static int runs;

    public static int Runs => Volatile.Read(ref runs);

    public async Task RunAsync()
    {
        await Task.Delay(250);
        Interlocked.Increment(ref runs);
    }
}
