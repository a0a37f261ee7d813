namespace Platform.BackgroundJobs;

/// <summary>
/// Hangfire's queues. Work a person waits for (a "sync now", an import, a notification e-mail) goes to
/// <see cref="Default"/>; the per-tenant jobs that hourly and daily sweeps fan out — one per tenant, thousands at a
/// time on a large platform — go to <see cref="Periodic"/>. Every server listens on both, and Hangfire.PostgreSql
/// fetches the next job ordered by queue name (<c>ORDER BY fetchedat NULLS FIRST, queue, jobid</c>), so a waiting
/// "default" job is taken before any "periodic" one: a person's job never queues behind an hourly fan-out. Before the
/// split, a "sync now" pressed at :17 waited behind the hourly Stripe sync of every tenant (a CI run failed on it).
/// </summary>
public static class JobQueues
{
    public const string Default = "default";

    /// <summary>Must sort after <see cref="Default"/> (ordinal): that order is the priority.</summary>
    public const string Periodic = "periodic";

    /// <summary>What every server fetches from, in priority order.</summary>
    public static readonly string[] All = [Default, Periodic];
}
