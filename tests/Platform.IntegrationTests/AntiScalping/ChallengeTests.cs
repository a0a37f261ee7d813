using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.AntiScalping;
using Platform.Holds;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.AntiScalping;

/// <summary>
/// The policy's challenge level over HTTP: a public order in the challenge band is refused with a code mailed to the
/// buyer (read from the test mail sink), and placed when repeated with it; every wrong answer is refused and loses no hold.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class ChallengeTests(PlatformFixture fixture)
{
    /// <summary>Every public order challenged: nothing scores 1, so nothing reaches review; everything is at or above 0.</summary>
    private static async Task<RiskScenario> EveryOrderChallengedAsync(PlatformFixture fixture)
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action = "review", threshold = 1f, challengeThreshold = 0f }))
            .EnsureSuccessStatusCode();
        return s;
    }

    private static async Task<HoldResponse> HoldAsync(RiskScenario s, string email) =>
        await (await s.Checkout.HoldGaAsync(2, email)).ReadAsync<HoldResponse>();

    private static Task<HttpResponseMessage> OrderAsync(RiskScenario s, HoldResponse hold, string email, Guid? challengeId = null, string? code = null,
        string? idempotencyKey = null, HttpClient? client = null, string? prefix = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{prefix ?? s.Checkout.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name = "Buyer", email }, challengeId, challengeCode = code }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return (client ?? s.Checkout.Public).SendAsync(request);
    }

    private static async Task<Guid> ChallengedAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("challenge_required", problem.Code());
        return problem.GetProperty("challengeId").GetGuid();
    }

    private async Task<string> CodeAsync(string email, string? not = null)
    {
        var body = await fixture.MailBodyAsync(email, b => CodePattern().Match(b) is { Success: true } m && m.Groups[1].Value != not, "with a new code");
        return CodePattern().Match(body).Groups[1].Value;
    }

    private static Task<long> OrdersOfAsync(RiskScenario s, Guid holdId) =>
        s.Checkout.ScalarAsync<long>($"SELECT count(*) FROM orders WHERE tenant_id = @t AND hold_id = '{holdId}'");

    private static Task<string> HoldStateAsync(RiskScenario s, Guid holdId) =>
        s.Checkout.ScalarAsync<string>($"SELECT state FROM holds WHERE tenant_id = @t AND id = '{holdId}'");

    [Fact]
    public async Task Challenged_RightCode_PlacesTheOrder_RecordedAsChallengePassed()
    {
        var s = await EveryOrderChallengedAsync(fixture);
        var settings = await (await s.Owner.GetAsync("/api/v1/anti-scalping/settings")).ReadAsync<RiskSettingsResponse>();
        Assert.Equal((0f, 1f, "review"), (settings.ChallengeThreshold, settings.Threshold, settings.Action));
        const string email = "ruth.challenge@example.org";
        var hold = await HoldAsync(s, email);

        var challengeId = await ChallengedAsync(await OrderAsync(s, hold, email));
        var code = await CodeAsync(email);

        // Refused: no order, and the hold is still the buyer's.
        Assert.Equal(0L, await OrdersOfAsync(s, hold.Id));
        Assert.Equal("active", await HoldStateAsync(s, hold.Id));
        // Only its hash is kept.
        Assert.Equal(0L, await s.Checkout.ScalarAsync<long>(
            $"SELECT count(*) FROM risk_challenges WHERE tenant_id = @t AND encode(code_hash, 'escape') LIKE '%{code}%'"));

        var placed = await (await OrderAsync(s, hold, email, challengeId, code)).ReadAsync<OrderResponse>();

        Assert.Equal(RiskDecisions.Challenge, await s.DecisionAsync(placed.Id));
        var listed = Assert.Single(await s.QueueAsync("challenged"));
        Assert.Equal((placed.Id, ReviewStates.None, email), (listed.OrderId, listed.Review, listed.BuyerEmail));
        Assert.NotNull(listed.ChallengePassedAt);
        Assert.Empty(await s.QueueAsync("pending"));
        // Spent: the same code cannot place a second order.
        var other = await HoldAsync(s, email);
        var again = await (await OrderAsync(s, other, email, challengeId, code)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("challenge_invalid", again.Code());
        Assert.Equal(0L, await OrdersOfAsync(s, other.Id));
    }

    [Fact]
    public async Task WrongCode_CountsTries_LocksAfterFive_HoldStillPlacesWithANewCode()
    {
        var s = await EveryOrderChallengedAsync(fixture);
        const string email = "wrong.code@example.org";
        var hold = await HoldAsync(s, email);
        var challengeId = await ChallengedAsync(await OrderAsync(s, hold, email));
        var code = await CodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var left = 4; left >= 1; left--)
        {
            var problem = await (await OrderAsync(s, hold, email, challengeId, wrong)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(("challenge_code_wrong", left), (problem.Code(), problem.GetProperty("remaining").GetInt32()));
            Assert.True(problem.GetProperty("errors").TryGetProperty("challengeCode", out _));
        }

        Assert.Equal("challenge_locked", (await (await OrderAsync(s, hold, email, challengeId, wrong)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        // Locked: even the right code is refused now.
        Assert.Equal("challenge_locked", (await (await OrderAsync(s, hold, email, challengeId, code)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        Assert.Equal(0L, await OrdersOfAsync(s, hold.Id));
        Assert.Equal("active", await HoldStateAsync(s, hold.Id));

        // The hold was never lost: a new code places it.
        var second = await ChallengedAsync(await OrderAsync(s, hold, email));
        Assert.NotEqual(challengeId, second);
        var fresh = await CodeAsync(email, not: code);
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(s, hold, email, second, fresh)).StatusCode);
    }

    [Fact]
    public async Task ExpiredChallenge_IsRefused()
    {
        var s = await EveryOrderChallengedAsync(fixture);
        const string email = "late.buyer@example.org";
        var hold = await HoldAsync(s, email);
        var challengeId = await ChallengedAsync(await OrderAsync(s, hold, email));
        var code = await CodeAsync(email);
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>(
            $"WITH u AS (UPDATE risk_challenges SET expires_at = now() - interval '1 second' WHERE id = '{challengeId}' RETURNING 1) SELECT count(*) FROM u"));

        var problem = await (await OrderAsync(s, hold, email, challengeId, code)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("challenge_expired", problem.Code());
        Assert.True(problem.GetProperty("errors").TryGetProperty("challengeId", out _));
        Assert.Equal(0L, await OrdersOfAsync(s, hold.Id));
    }

    [Fact]
    public async Task ForeignChallenge_OtherBuyerOrOtherTenant_IsRefusedAlike()
    {
        var s = await EveryOrderChallengedAsync(fixture);
        const string email = "owner.of.code@example.org";
        var hold = await HoldAsync(s, email);
        var challengeId = await ChallengedAsync(await OrderAsync(s, hold, email));
        var code = await CodeAsync(email);

        // Another buyer of the same event presents it.
        const string thief = "someone.else@example.org";
        var theirs = await HoldAsync(s, thief);
        var otherBuyer = await (await OrderAsync(s, theirs, thief, challengeId, code)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("challenge_invalid", otherBuyer.Code());
        Assert.Equal(0L, await OrdersOfAsync(s, theirs.Id));

        // Another tenant's buyer, same e-mail: the challenge does not exist there.
        var t = await EveryOrderChallengedAsync(fixture);
        var foreignHold = await HoldAsync(t, email);
        var otherTenant = await (await OrderAsync(t, foreignHold, email, challengeId, code)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("challenge_invalid", otherTenant.Code());
        Assert.Equal(0L, await OrdersOfAsync(t, foreignHold.Id));

        // Neither spent it: its owner still places the order.
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(s, hold, email, challengeId, code)).StatusCode);
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysTheChallenge_OneMail_ANewKeyWithTheCodePlaces()
    {
        var s = await EveryOrderChallengedAsync(fixture);
        const string email = "idem.buyer@example.org";
        var hold = await HoldAsync(s, email);
        var key = Guid.NewGuid().ToString();

        var first = await ChallengedAsync(await OrderAsync(s, hold, email, idempotencyKey: key));
        var replay = await ChallengedAsync(await OrderAsync(s, hold, email, idempotencyKey: key));
        var code = await CodeAsync(email);

        Assert.Equal(first, replay);
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>("SELECT count(*) FROM risk_challenges WHERE tenant_id = @t"));
        var placed = await OrderAsync(s, hold, email, first, code, idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(1L, await OrdersOfAsync(s, hold.Id));
    }

    [Fact]
    public async Task ChallengeMails_CappedPerBuyer()
    {
        var s = await EveryOrderChallengedAsync(fixture);
        const string email = "mail.bomb@example.org";
        var hold = await HoldAsync(s, email);
        for (var i = 0; i < 3; i++)
        {
            await ChallengedAsync(await OrderAsync(s, hold, email));
        }

        var problem = await (await OrderAsync(s, hold, email)).ProblemAsync(HttpStatusCode.TooManyRequests);

        Assert.Equal("challenge_too_many", problem.Code());
        Assert.Equal(3L, await s.Checkout.ScalarAsync<long>("SELECT count(*) FROM risk_challenges WHERE tenant_id = @t"));
    }

    [Fact]
    public async Task BadAnswers_AreValidationProblems()
    {
        var s = await EveryOrderChallengedAsync(fixture);
        const string email = "typo.buyer@example.org";
        var hold = await HoldAsync(s, email);
        var challengeId = await ChallengedAsync(await OrderAsync(s, hold, email));

        var letters = await (await OrderAsync(s, hold, email, challengeId, "12ab56")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(letters.GetProperty("errors").TryGetProperty("challengeCode", out _));
        var missing = await (await OrderAsync(s, hold, email, challengeId)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(missing.GetProperty("errors").TryGetProperty("challengeCode", out _));
        // A malformed answer is not a try.
        Assert.Equal(0, await s.Checkout.ScalarAsync<int>($"SELECT attempts FROM risk_challenges WHERE id = '{challengeId}'"));
    }

    [Fact]
    public async Task Settings_ChallengeLevel_MustSitBelowReviewOrBlock_AndIsOffByDefault()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        var defaults = await (await s.Owner.GetAsync("/api/v1/anti-scalping/settings")).ReadAsync<RiskSettingsResponse>();
        Assert.Null(defaults.ChallengeThreshold);
        // Without a challenge level (every existing tenant) nothing is challenged, whatever the score.
        (await s.SettingsAsync("review", threshold: 1f)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await s.BuyAsync("plain.buyer@example.org", "198.51.100.40")).StatusCode);

        async Task<JsonElement> RefusedAsync(object body) =>
            await (await s.Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True((await RefusedAsync(new { action = "review", threshold = 0.8f, challengeThreshold = 0.8f })).GetProperty("errors").TryGetProperty("challengeThreshold", out _));
        Assert.True((await RefusedAsync(new { action = "flag", threshold = 0.8f, challengeThreshold = 0.5f })).GetProperty("errors").TryGetProperty("challengeThreshold", out _));
        Assert.True((await RefusedAsync(new { action = "block", threshold = 0.8f, challengeThreshold = -0.1f })).GetProperty("errors").TryGetProperty("challengeThreshold", out _));

        var set = await (await s.Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action = "block", threshold = 0.9f, challengeThreshold = 0.5f }))
            .ReadAsync<RiskSettingsResponse>();
        Assert.Equal(0.5f, set.ChallengeThreshold);
        // PUT replaces: leaving it out switches the level off again.
        var cleared = await (await s.Owner.PutAsJsonAsync("/api/v1/anti-scalping/settings", new { action = "block", threshold = 0.9f }))
            .ReadAsync<RiskSettingsResponse>();
        Assert.Null(cleared.ChallengeThreshold);
    }

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex CodePattern();
}
