using Platform.Outbox;

namespace Platform.UnitTests.Outbox;

public sealed class LaneRunsTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void WorkArrivingWhileTheTenantRuns_IsRunAgainByTheRunner()
    {
        var runs = new LaneRuns();
        Assert.True(runs.TryEnter(Tenant));
        Assert.False(runs.TryEnter(Tenant)); // a second worker with a fresh notification: deferred, not dropped
        Assert.True(runs.ExitOrContinue(Tenant)); // so the runner goes round once more
        Assert.False(runs.ExitOrContinue(Tenant)); // nothing new meanwhile: released
        Assert.True(runs.TryEnter(Tenant));
    }

    [Fact]
    public void SeveralRequestsDuringOneRound_CostOneMoreRound()
    {
        var runs = new LaneRuns();
        runs.TryEnter(Tenant);
        Assert.False(runs.TryEnter(Tenant));
        Assert.False(runs.TryEnter(Tenant));
        Assert.True(runs.ExitOrContinue(Tenant));
        Assert.False(runs.ExitOrContinue(Tenant));
    }

    [Fact]
    public void TenantsRunIndependently()
    {
        var runs = new LaneRuns();
        var other = Guid.NewGuid();
        Assert.True(runs.TryEnter(Tenant));
        Assert.True(runs.TryEnter(other));
        Assert.False(runs.ExitOrContinue(other));
        Assert.False(runs.ExitOrContinue(Tenant));
    }

    [Fact]
    public void AbandonedTenant_CanBeEnteredAgain()
    {
        var runs = new LaneRuns();
        runs.TryEnter(Tenant);
        runs.TryEnter(Tenant);
        runs.Abandon(Tenant);
        Assert.True(runs.TryEnter(Tenant));
    }
}
