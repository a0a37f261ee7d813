using System.Net;
using System.Net.Http.Json;
using Platform.AntiScalping.BlockList;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.AntiScalping;

/// <summary>The block list: staff's explicit refusals, checked when a public order is placed whatever the score.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BlockListTests(PlatformFixture fixture)
{
    private static async Task<RiskBlockResponse> AddAsync(RiskScenario s, string kind, string value, string? note = null) =>
        await (await s.Owner.PostAsJsonAsync("/api/v1/anti-scalping/blocks", new { kind, value, note })).ReadAsync<RiskBlockResponse>();

    [Fact]
    public async Task BlockedEmailDomainAndNetwork_OrdersRefusedEvenWithScoringOff_OthersPass_RemovalLetsThemIn()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        (await s.SettingsAsync("off")).EnsureSuccessStatusCode();
        var email = await AddAsync(s, "email", "  Tout@Example.org ", "resold 40 tickets last season");
        await AddAsync(s, "domain", "@farm.example");
        await AddAsync(s, "ip", "203.0.113.0/24");

        Assert.Equal(("email", "tout@example.org"), (email.Kind, email.Value));
        Assert.Equal("order_blocked", (await (await s.BuyAsync("TOUT@example.org", "198.51.100.40")).ProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal("order_blocked", (await (await s.BuyAsync("anyone@farm.example", "198.51.100.41")).ProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal("order_blocked", (await (await s.BuyAsync("fan@example.org", "203.0.113.77")).ProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal(HttpStatusCode.Created, (await s.BuyAsync("fan@example.org", "198.51.100.42")).StatusCode);
        Assert.Equal(1L, await s.Checkout.ScalarAsync<long>("SELECT count(*) FROM orders WHERE tenant_id = @t"));

        Assert.Equal(HttpStatusCode.NoContent, (await s.Owner.DeleteAsync($"/api/v1/anti-scalping/blocks/{email.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await s.BuyAsync("tout@example.org", "198.51.100.40")).StatusCode);
        var list = await (await s.Owner.GetAsync("/api/v1/anti-scalping/blocks")).ReadAsync<CursorPage<RiskBlockResponse>>();
        Assert.Equal(["203.0.113.0/24", "farm.example"], list.Data.Select(b => b.Value));
        Assert.Equal(2L, await s.Checkout.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entries WHERE tenant_id = @t AND action IN ('anti_scalping.block_added', 'anti_scalping.block_removed') "
            + $"AND entity_id = '{email.Id}'"));
    }

    [Fact]
    public async Task BadInput_Duplicates_WrongRoles_AndOtherTenants_AnswerProblems()
    {
        var s = await RiskScenario.CreateAsync(fixture);
        var single = await AddAsync(s, "ip", "198.51.100.9");
        Assert.Equal("198.51.100.9/32", single.Value);

        var duplicate = await s.Owner.PostAsJsonAsync("/api/v1/anti-scalping/blocks", new { kind = "ip", value = "198.51.100.9/32" });
        Assert.Equal("duplicate", (await duplicate.ProblemAsync(HttpStatusCode.Conflict)).Code());
        foreach (var (kind, value, field) in new[] { ("email", "not-an-email", "value"), ("domain", "nodot", "value"), ("ip", "300.1.1.1", "value"),
                     ("phone", "+1 555", "kind"), ("email", "", "value") })
        {
            var bad = await s.Owner.PostAsJsonAsync("/api/v1/anti-scalping/blocks", new { kind, value });
            Assert.Contains(field, (await bad.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        }

        await (await s.Owner.GetAsync("/api/v1/anti-scalping/blocks?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await s.Owner.DeleteAsync($"/api/v1/anti-scalping/blocks/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Checkout.Events.Tenant.Id, "box_office"));
        await (await boxOffice.GetAsync("/api/v1/anti-scalping/blocks")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boxOffice.PostAsJsonAsync("/api/v1/anti-scalping/blocks", new { kind = "email", value = "a@b.example" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await boxOffice.DeleteAsync($"/api/v1/anti-scalping/blocks/{single.Id}")).ProblemAsync(HttpStatusCode.Forbidden);

        var other = await RiskScenario.CreateAsync(fixture);
        Assert.Empty((await (await other.Owner.GetAsync("/api/v1/anti-scalping/blocks")).ReadAsync<CursorPage<RiskBlockResponse>>()).Data);
        await (await other.Owner.DeleteAsync($"/api/v1/anti-scalping/blocks/{single.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        // The other tenant's buyers on that address are not blocked by this tenant's list.
        Assert.Equal(HttpStatusCode.Created, (await other.BuyAsync("fan@example.org", "198.51.100.9")).StatusCode);
        Assert.Equal("order_blocked", (await (await s.BuyAsync("fan@example.org", "198.51.100.9")).ProblemAsync(HttpStatusCode.Forbidden)).Code());
    }
}
