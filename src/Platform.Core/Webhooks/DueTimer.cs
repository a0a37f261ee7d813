namespace Platform.Webhooks;

/// <summary>
/// Runs an action once a wall-clock time has passed, never before it. .NET's timers run on a coarse monotonic clock
/// (on Linux CLOCK_MONOTONIC_COARSE, one kernel tick of 1–10 ms), so a timer can fire a few milliseconds before the
/// wall-clock time it was set for: on this machine 84 of 200 timers of 200–500 ms fired early, by up to 3.2 ms. A
/// delivery pool woken early claims nothing (next_attempt_at is still ahead) and nothing woke it again before the
/// outbox sweep, so a retry due in 0.5 s waited for a sweep — over a minute in a busy test run. A timer that fires
/// early therefore sets itself again for what remains.
/// </summary>
internal static class DueTimer
{
    public static void At(TimeProvider clock, DateTimeOffset due, Action action)
    {
        var delay = due - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            action();
            return;
        }

        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            timer?.Dispose();
            At(clock, due, action);
        }, null, delay, Timeout.InfiniteTimeSpan);
    }
}
