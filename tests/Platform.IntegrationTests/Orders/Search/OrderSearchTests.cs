using System.Net;
using System.Net.Http.Json;
using Platform.Holds;
using Platform.Http;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;

namespace Platform.IntegrationTests.Orders.Search;

/// <summary>Issue #15: GET /api/v1/orders?q= finds a tenant's orders by number, buyer email, phone or name (ADR 0033).</summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderSearchTests(PlatformFixture fixture)
{
    private async Task<(CheckoutScenario S, OrderResponse Ada, OrderResponse Li)> TwoOrdersAsync()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var ada = await PlaceAsync(s, "Ada Lovelace", "ada@example.com", "+44 20 7946 0018");
        var li = await PlaceAsync(s, "王小明", "xiaoming@example.cn", "138-0013-8000");
        return (s, ada, li);
    }

    private static async Task<OrderResponse> PlaceAsync(CheckoutScenario s, string name, string email, string phone)
    {
        var hold = await s.HoldAsync(1, email);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{s.Prefix}/orders")
        {
            Content = JsonContent.Create(new { holdId = hold.Id, buyer = new { name, email, phone } }),
            Headers = { { HoldEndpoints.TokenHeader, hold.HoldToken } },
        };
        return await (await s.Public.SendAsync(request)).ReadAsync<OrderResponse>();
    }

    private static async Task<List<Guid>> FindAsync(HttpClient client, string q, string extra = "")
    {
        using var response = await client.GetAsync($"/api/v1/orders?q={Uri.EscapeDataString(q)}{extra}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadAsync<CursorPage<OrderSummaryResponse>>()).Data.Select(o => o.Id)];
    }

    [Theory]
    [InlineData("ADA@Example.com ", "ada")]        // email: case and surrounding space do not matter
    [InlineData("lovelace", "ada")]                // a name word, any case
    [InlineData("Lovelace ADA", "ada")]            // words in any order
    [InlineData("+44 (20) 7946-0018", "ada")]      // phone: only the digits count
    [InlineData("442079460018", "ada")]
    [InlineData("王小明", "li")]                    // a Chinese name whole
    [InlineData("小明", "li")]                      // or part of it (no spaces in the name)
    [InlineData("ｘｉａｏｍｉｎｇ@example.cn", "li")] // full-width letters fold to ASCII
    [InlineData("13800138000", "li")]
    public async Task Search_ByEmailNamePhone_FindsExactlyThatOrder(string q, string who)
    {
        var (s, ada, li) = await TwoOrdersAsync();

        var found = await FindAsync(s.Owner, q);

        Assert.Equal([who == "ada" ? ada.Id : li.Id], found);
    }

    [Fact]
    public async Task Search_ByOrderNumber_FindsIt_AndSummaryCarriesBuyerAndState()
    {
        var (s, ada, _) = await TwoOrdersAsync();
        (await s.PayAsync(ada)).EnsureSuccessStatusCode();

        var page = await (await s.Owner.GetAsync($"/api/v1/orders?q={ada.Id}")).ReadAsync<CursorPage<OrderSummaryResponse>>();

        var row = Assert.Single(page.Data);
        Assert.Equal(ada.Id, row.Id);
        Assert.Equal(OrderState.Paid, row.State);
        Assert.Equal("Ada Lovelace", row.Buyer.Name);
        Assert.Equal("ada@example.com", row.Buyer.Email);
        Assert.Equal(ada.Total, row.Total);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("Lovelac")]        // a part of a Latin word is not a word
    [InlineData("Ada Byron")]      // every word must match
    [InlineData("ada@example.org")]
    [InlineData("+44 20 7946 0019")]
    public async Task Search_NearMisses_FindNothing(string q)
    {
        var (s, _, _) = await TwoOrdersAsync();

        Assert.Empty(await FindAsync(s.Owner, q));
    }

    [Fact]
    public async Task Search_IsTenantIsolated_AnotherTenantsStaffFindNothing()
    {
        var (s, ada, _) = await TwoOrdersAsync();
        var other = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        var otherBuyer = await PlaceAsync(other, "Ada Lovelace", "ada@example.com", "+44 20 7946 0018");

        foreach (var q in new[] { "ada@example.com", "Lovelace", "442079460018", ada.Id.ToString() })
        {
            Assert.DoesNotContain(ada.Id, await FindAsync(other.Owner, q));
            Assert.DoesNotContain(otherBuyer.Id, await FindAsync(s.Owner, q));
        }
    }

    [Fact]
    public async Task Search_PagesNewestFirst_WithACursor()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 20);
        var placed = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add((await PlaceAsync(s, "Grace Hopper", $"grace{i}@example.com", "555 0100")).Id);
        }

        var first = await (await s.Owner.GetAsync("/api/v1/orders?q=hopper&limit=2")).ReadAsync<CursorPage<OrderSummaryResponse>>();
        var second = await (await s.Owner.GetAsync($"/api/v1/orders?q=hopper&limit=2&cursor={first.NextCursor}")).ReadAsync<CursorPage<OrderSummaryResponse>>();

        Assert.Equal([placed[2], placed[1]], first.Data.Select(o => o.Id));
        Assert.Equal([placed[0]], second.Data.Select(o => o.Id));
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ---")]
    public async Task Search_WithNothingSearchable_Is400NamingQ(string q)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);

        using var response = await s.Owner.GetAsync("/api/v1/orders?q=" + Uri.EscapeDataString(q));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_query", problem.Code());
        Assert.Contains("q", problem.ErrorFields());
    }

    [Fact]
    public async Task Search_HostileInput_IsRefusedOrFindsNothing_Never500()
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        await PlaceAsync(s, "Ada Lovelace", "ada@example.com", "+44 20 7946 0018");

        Assert.Empty(await FindAsync(s.Owner, "' OR 1=1 --"));
        Assert.Empty(await FindAsync(s.Owner, "%' OR buyer_email_hash LIKE '%"));
        Assert.Empty(await FindAsync(s.Owner, "{\"$ne\":null}"));
        using var tooLong = await s.Owner.GetAsync("/api/v1/orders?q=" + new string('a', 201));
        Assert.Contains("q", (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        using var control = await s.Owner.GetAsync("/api/v1/orders?q=ada%00");
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        using var badCursor = await s.Owner.GetAsync("/api/v1/orders?q=ada&cursor=not-a-cursor&limit=500");
        var problem = await badCursor.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cursor", problem.ErrorFields());
        Assert.Contains("limit", problem.ErrorFields());
    }

    [Theory]
    [InlineData("box_office", HttpStatusCode.OK)]
    [InlineData("finance", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    [InlineData("scanner", HttpStatusCode.Forbidden)]
    public async Task Search_FollowsTheOrdersReadPolicy(string role, HttpStatusCode expected)
    {
        var s = await CheckoutScenario.GaAsync(fixture, capacity: 5);
        using var member = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, role));

        using var response = await member.GetAsync("/api/v1/orders?q=ada%40example.com");

        Assert.Equal(expected, response.StatusCode);
    }
}
