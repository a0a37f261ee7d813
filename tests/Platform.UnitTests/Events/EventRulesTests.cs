using Platform.Events;
using Platform.Sales;

namespace Platform.UnitTests.Events;

public sealed class EventRulesTests
{
    private static readonly DateTimeOffset T = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(EventStatus.Draft, EventStatus.Published, true)]
    [InlineData(EventStatus.Draft, EventStatus.OnSale, false)]
    [InlineData(EventStatus.Draft, EventStatus.Cancelled, true)]
    [InlineData(EventStatus.Published, EventStatus.OnSale, true)]
    [InlineData(EventStatus.OnSale, EventStatus.SoldOut, true)]
    [InlineData(EventStatus.SoldOut, EventStatus.OnSale, true)]
    [InlineData(EventStatus.OnSale, EventStatus.Published, false)]
    [InlineData(EventStatus.OnSale, EventStatus.Ended, true)]
    [InlineData(EventStatus.Ended, EventStatus.Cancelled, false)]
    [InlineData(EventStatus.Cancelled, EventStatus.Published, false)]
    [InlineData(EventStatus.Published, EventStatus.Published, false)]
    public void CanTransition_FollowsTheLifecycle(EventStatus from, EventStatus to, bool allowed) =>
        Assert.Equal(allowed, EventRules.CanTransition(from, to));

    [Fact]
    public void Overlaps_SameChannel_ReportsTheLaterWindow()
    {
        var overlaps = EventRules.Overlaps([
            (SalesChannel.Web, T, T.AddDays(10)),
            (SalesChannel.App, T, T.AddDays(10)),
            (SalesChannel.Web, T.AddDays(5), T.AddDays(20)),
        ]).ToList();

        Assert.Equal([(2, 0)], overlaps);
    }

    [Fact]
    public void Overlaps_BackToBackWindows_DoNotOverlap()
    {
        var overlaps = EventRules.Overlaps([(SalesChannel.Web, T, T.AddDays(1)), (SalesChannel.Web, T.AddDays(1), T.AddDays(2))]);

        Assert.Empty(overlaps);
    }

    [Fact]
    public void Listed_ExcludesDraftEndedAndCancelled()
    {
        Assert.DoesNotContain(EventStatus.Draft, EventRules.Listed);
        Assert.DoesNotContain(EventStatus.Ended, EventRules.Listed);
        Assert.DoesNotContain(EventStatus.Cancelled, EventRules.Listed);
    }
}
