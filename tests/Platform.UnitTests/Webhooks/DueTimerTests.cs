using Platform.Webhooks;

namespace Platform.UnitTests.Webhooks;

/// <summary>
/// A retry's wake-up must come at or after its due time, never before: a pool woken early claims nothing and nothing
/// wakes it again before the outbox sweep (WebhookOutageTests waited over a minute for a 0.5 s retry in CI).
/// </summary>
public sealed class DueTimerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TimerFiresEarly_ActionWaitsForTheDueTime()
    {
        var clock = new EarlyTimers(Start, early: TimeSpan.FromMilliseconds(3));
        var due = Start.AddMilliseconds(500);
        var ran = new List<DateTimeOffset>();

        DueTimer.At(clock, due, () => ran.Add(clock.GetUtcNow()));
        clock.RunTimers(); // fires at 497 ms, as Linux's coarse clock may

        Assert.Empty(ran);
        while (clock.Pending > 0)
        {
            clock.RunTimers(); // the re-armed timer, for what remains (which may fire early again)
        }

        Assert.Equal([due], ran);
        Assert.Equal(0, clock.Pending);
    }

    [Fact]
    public void DueAlreadyPassed_RunsAtOnceWithoutATimer()
    {
        var clock = new EarlyTimers(Start, early: TimeSpan.Zero);
        var ran = 0;

        DueTimer.At(clock, Start.AddMilliseconds(-1), () => ran++);

        Assert.Equal(1, ran);
        Assert.Equal(0, clock.Pending);
    }

    [Fact]
    public void TimerOnTime_RunsOnce()
    {
        var clock = new EarlyTimers(Start, early: TimeSpan.Zero);
        var ran = 0;

        DueTimer.At(clock, Start.AddSeconds(2), () => ran++);
        clock.RunTimers();
        clock.RunTimers();

        Assert.Equal(1, ran);
    }

    /// <summary>
    /// A manual clock whose one-shot timers fire <c>early</c> before their due time, as a coarse clock's do, but at least
    /// one millisecond after they were set (time moves on).
    /// </summary>
    private sealed class EarlyTimers(DateTimeOffset now, TimeSpan early) : TimeProvider
    {
        private readonly List<(DateTimeOffset At, TimerCallback Callback, object? State)> timers = [];

        public int Pending => timers.Count;

        public override DateTimeOffset GetUtcNow() => now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var fireIn = dueTime - early;
            var tick = TimeSpan.FromMilliseconds(1);
            timers.Add((now + (fireIn > tick ? fireIn : tick), callback, state));
            return new NoOpTimer();
        }

        /// <summary>Moves the clock to the earliest timer and fires it (one at a time, as the timer queue does).</summary>
        public void RunTimers()
        {
            if (timers.Count == 0)
            {
                return;
            }

            var next = timers.MinBy(t => t.At);
            timers.Remove(next);
            now = next.At > now ? next.At : now;
            next.Callback(next.State);
        }

        private sealed class NoOpTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
