using Platform.Outbox;

namespace Platform.UnitTests.Outbox;

/// <summary>
/// Npgsql's WaitAsync reads a 0 ms timeout as "wait for the next notification": a sub-millisecond remainder before
/// the sweep must never become 0, or the sweep stops on a quiet database.
/// </summary>
public sealed class ListenTimeoutTests
{
    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(0.999, 1)]
    [InlineData(1.2, 2)]
    [InlineData(1999.6, 2000)]
    public void TimeLeft_RoundedUpToWholeMilliseconds_NeverZero(double leftMs, int expected) =>
        Assert.Equal(expected, ListenTimeout.Milliseconds(TimeSpan.FromMilliseconds(leftMs)));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void SweepDue_NoWait(double leftMs) => Assert.Null(ListenTimeout.Milliseconds(TimeSpan.FromMilliseconds(leftMs)));

    [Fact]
    public void HoursLeft_Capped() => Assert.Equal(int.MaxValue, ListenTimeout.Milliseconds(TimeSpan.FromDays(30)));
}
