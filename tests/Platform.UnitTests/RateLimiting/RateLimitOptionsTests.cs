using Platform.RateLimiting;

namespace Platform.UnitTests.RateLimiting;

public sealed class RateLimitOptionsTests
{
    [Theory]
    [InlineData("free", 120, 30)]
    [InlineData("standard", 600, 100)]
    [InlineData("enterprise", 3000, 500)]
    [InlineData("unknown-plan", 600, 100)]
    [InlineData(null, 600, 100)]
    public void ForPlan_NothingConfigured_DefaultsPerPlan(string? plan, int perMinute, int burst)
    {
        var limit = new RateLimitOptions().ForPlan(plan);
        Assert.Equal(perMinute, limit.PermitsPerMinute);
        Assert.Equal(burst, limit.Burst);
    }

    [Fact]
    public void ForPlan_Configured_OverridesDefaultIgnoringCase()
    {
        var options = new RateLimitOptions();
        options.Plans["Free"] = new BucketLimit { PermitsPerMinute = 1, Burst = 3 };
        Assert.Equal(3, options.ForPlan("free").Burst);
        Assert.Equal(500, options.ForPlan("enterprise").Burst);
    }
}
