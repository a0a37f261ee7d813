using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Platform.SharedState;

namespace Platform.UnitTests.SharedState;

/// <summary>
/// The fail-and-rest rule of the shared limit stores (ADR 0061, 0070): after a failure the store is left alone for the
/// rest period and asked again after it; every decision taken meanwhile is counted by use; one warning per outage.
/// </summary>
public sealed class StoreBreakerTests : IDisposable
{
    private static readonly TimeSpan Rest = TimeSpan.FromSeconds(5);

    private readonly ManualClock clock = new();
    private readonly CountingLogger logger = new();
    private readonly Meter meter = new($"test.store_breaker.{Guid.NewGuid():N}");
    private readonly MeterListener listener = new();
    private readonly List<(long Value, string? Use)> counted = [];
    private readonly StoreBreaker breaker;

    public StoreBreakerTests()
    {
        var fallbacks = meter.CreateCounter<long>("fallbacks");
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var use = default(string);
            foreach (var tag in tags)
            {
                use = tag.Key == "use" ? tag.Value as string : use;
            }

            counted.Add((value, use));
        });
        listener.Start();
        breaker = new StoreBreaker("Test store", fallbacks, Rest, clock, logger);
    }

    [Fact]
    public void Trusted_UntilItFails()
    {
        Assert.False(breaker.Resting("rate_limit"));
        Assert.Empty(counted);
    }

    [Fact]
    public void Failed_RestsForTheRestPeriod_ThenIsAskedAgain()
    {
        breaker.Failed("rate_limit", new TimeoutException());

        clock.Advance(Rest - TimeSpan.FromMilliseconds(1));
        Assert.True(breaker.Resting("admission"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(breaker.Resting("admission"));
    }

    [Fact]
    public void Failed_EveryDecisionWithoutTheStoreCountedByUse_CallsWithoutAUseNot()
    {
        breaker.Failed("rate_limit", new TimeoutException());
        breaker.Resting("admission");
        breaker.Resting(null);
        breaker.Failed(null, new TimeoutException());
        breaker.Fallback("rate_limit");

        Assert.Equal([(1L, "rate_limit"), (1L, "admission"), (1L, "rate_limit")], counted);
    }

    [Fact]
    public void FailuresWhileResting_OneWarningPerOutage_AndTheRestRunsFromTheLastFailure()
    {
        breaker.Failed("rate_limit", new TimeoutException());
        clock.Advance(TimeSpan.FromSeconds(4));
        // A call that was already under way when the first failed: it extends the rest but warns no more.
        breaker.Failed("rate_limit", new TimeoutException());
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(breaker.Resting("rate_limit"));
        Assert.Equal(1, logger.Warnings);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(breaker.Resting("rate_limit"));
        breaker.Failed("rate_limit", new TimeoutException());
        Assert.Equal(2, logger.Warnings);
        Assert.Equal("Test store failed; limits are counted on this node for 5 s", logger.Last);
    }

    public void Dispose()
    {
        listener.Dispose();
        meter.Dispose();
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }

    private sealed class CountingLogger : ILogger
    {
        public int Warnings { get; private set; }

        public string? Last { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings++;
                Last = formatter(state, exception);
            }
        }
    }
}
