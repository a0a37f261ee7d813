using Platform.AntiScalping;

namespace Platform.UnitTests.AntiScalping;

/// <summary>The four levels: allow below the challenge threshold, challenge up to the threshold, the action above it.</summary>
public sealed class ChallengePolicyTests
{
    private static readonly RiskFeatures Ordinary = new();

    [Theory]
    [InlineData("review", 0.49f, RiskDecisions.Allow)]
    [InlineData("review", 0.5f, RiskDecisions.Challenge)]
    [InlineData("review", 0.79f, RiskDecisions.Challenge)]
    [InlineData("review", 0.8f, RiskDecisions.Review)]
    [InlineData("block", 0.6f, RiskDecisions.Challenge)]
    [InlineData("block", 0.95f, RiskDecisions.Block)]
    public void ChallengeBand_SitsBetweenTheTwoThresholds(string action, float score, string decision) =>
        Assert.Equal(decision, RiskPolicy.Decide(action, 0.8f, false, Ordinary, score, challengeThreshold: 0.5f));

    [Fact]
    public void WithoutAChallengeLevel_NothingIsChallenged_AndHardRulesStillComeFirst()
    {
        Assert.Equal(RiskDecisions.Allow, RiskPolicy.Decide("review", 0.8f, false, Ordinary, 0.6f));
        Assert.Equal(RiskDecisions.Block, RiskPolicy.Decide("review", 0.8f, true, new RiskFeatures { DisposableEmail = 1 }, 0.6f, challengeThreshold: 0.5f));
        Assert.Equal(RiskDecisions.Allow, RiskPolicy.Decide("off", 0.8f, false, Ordinary, 0.6f, challengeThreshold: 0.5f));
    }
}
