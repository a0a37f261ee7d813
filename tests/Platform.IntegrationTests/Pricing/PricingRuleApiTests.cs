using System.Net;
using System.Net.Http.Json;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Pricing;
using Platform.Pricing.Rules;
using Platform.Sales;

namespace Platform.IntegrationTests.Pricing;

[Collection(PlatformCollection.Name)]
public sealed class PricingRuleApiTests(PlatformFixture fixture)
{
    private const string Rules = "/api/v1/pricing-rules";

    private async Task<(Guid TenantId, HttpClient Owner)> TenantAsync(string currency = "EUR")
    {
        var tenant = await fixture.CreateTenantAsync("pr", currency);
        return (tenant.Id, fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner)));
    }

    internal static Dictionary<string, object?> ChildDiscount(string name = "Child 50%") => new()
    {
        ["name"] = name, ["kind"] = "audience_discount", ["valueType"] = "percentage", ["basisPoints"] = 5000,
        ["audience"] = "child", ["proof"] = "ID with date of birth",
    };

    [Fact]
    public async Task CreatePricingRule_ValidAudienceDiscount_Returns201AndCanBeRead()
    {
        var (_, owner) = await TenantAsync();

        var response = await owner.PostAsJsonAsync(Rules, ChildDiscount());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<PricingRuleResponse>();
        Assert.Equal($"{Rules}/{created.Id}", response.Headers.Location?.ToString());
        var fetched = await (await owner.GetAsync($"{Rules}/{created.Id}")).ReadAsync<PricingRuleResponse>();
        Assert.Equal(PricingRuleKind.AudienceDiscount, fetched.Kind);
        Assert.Equal(Audience.Child, fetched.Audience);
        Assert.Equal(5000, fetched.BasisPoints);
        Assert.Null(fetched.Amount);
        Assert.Equal("ID with date of birth", fetched.Proof);
        Assert.True(fetched.Active);
    }

    [Fact]
    public async Task CreatePricingRule_FixedFeeWithRestrictions_StoresIdsAndChannels()
    {
        var (_, owner) = await TenantAsync("JPY");
        var eventId = Guid.NewGuid();
        var ticketType = Guid.NewGuid();

        var created = await (await owner.PostAsJsonAsync(Rules, new
        {
            name = "Booking fee", kind = "service_fee", valueType = "fixed", amount = 300, currency = "JPY", feeBasis = "per_order",
            eventIds = new[] { eventId }, ticketTypeIds = new[] { ticketType }, channels = new[] { "web" },
        })).ReadAsync<PricingRuleResponse>();

        Assert.Equal(300, created.Amount);
        Assert.Equal(FeeBasis.PerOrder, created.FeeBasis);
        Assert.Equal([eventId], created.EventIds);
        Assert.Equal([ticketType], created.TicketTypeIds);
        Assert.Equal([SalesChannel.Web], created.Channels);
    }

    [Theory]
    [InlineData("amount", -100)]
    [InlineData("amount", 12.5)]
    [InlineData("basisPoints", 10001)]
    [InlineData("basisPoints", -1)]
    [InlineData("basisPoints", 12.5)]
    public async Task CreatePricingRule_BadNumber_Returns422NamingTheField(string field, double value)
    {
        var (_, owner) = await TenantAsync();
        var body = field == "amount"
            ? new Dictionary<string, object?> { ["name"] = "Fee", ["kind"] = "service_fee", ["valueType"] = "fixed", ["currency"] = "EUR", ["feeBasis"] = "per_ticket" }
            : new Dictionary<string, object?> { ["name"] = "Tier", ["kind"] = "quantity_tier", ["valueType"] = "percentage", ["minQuantity"] = 6 };
        body[field] = value;

        var problem = await (await owner.PostAsJsonAsync(Rules, body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("validation_failed", problem.Code());
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task CreatePricingRule_InvertedWindow_Returns422NamingValidUntil()
    {
        var (_, owner) = await TenantAsync();
        var body = ChildDiscount();
        body["validFrom"] = "2026-12-01T00:00:00Z";
        body["validUntil"] = "2026-11-01T00:00:00Z";

        var problem = await (await owner.PostAsJsonAsync(Rules, body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("validUntil", problem.ErrorFields());
    }

    [Fact]
    public async Task CreatePricingRule_CurrencyOtherThanTenants_Returns422NamingCurrencyAndSavesNothing()
    {
        var (_, owner) = await TenantAsync("EUR");

        var problem = await (await owner.PostAsJsonAsync(Rules, new
        {
            name = "Senior", kind = "audience_discount", valueType = "fixed", amount = 500, currency = "USD", audience = "senior",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("currency_mismatch", problem.Code());
        Assert.Contains("currency", problem.ErrorFields());
        var list = await (await owner.GetAsync(Rules)).ReadAsync<CursorPage<PricingRuleResponse>>();
        Assert.Empty(list.Data);
    }

    [Fact]
    public async Task CreatePricingRule_MissingKindSpecificFields_Returns422ListingEach()
    {
        var (_, owner) = await TenantAsync();

        var tier = await (await owner.PostAsJsonAsync(Rules, new { name = "Tier", kind = "quantity_tier", valueType = "percentage", basisPoints = 1000 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var early = await (await owner.PostAsJsonAsync(Rules, new { name = "Early", kind = "early_bird", valueType = "percentage", basisPoints = 1000 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var empty = await (await owner.PostAsJsonAsync(Rules, new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("minQuantity", tier.ErrorFields());
        Assert.Contains("validUntil", early.ErrorFields());
        Assert.Superset(new HashSet<string> { "name", "kind" }, empty.ErrorFields().ToHashSet());
    }

    [Fact]
    public async Task CreatePricingRule_UnknownProperty_Returns400()
    {
        var (_, owner) = await TenantAsync();
        var body = ChildDiscount();
        body["tenantId"] = Guid.NewGuid();

        await (await owner.PostAsJsonAsync(Rules, body)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListPricingRules_CursorAndKindFilter_PagesThroughOwnRulesOnly()
    {
        var (_, owner) = await TenantAsync();
        var (_, other) = await TenantAsync();
        await other.PostAsJsonAsync(Rules, ChildDiscount("Other tenant's"));
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var r = await (await owner.PostAsJsonAsync(Rules, ChildDiscount($"Child {i}"))).ReadAsync<PricingRuleResponse>();
            created.Add(r.Id);
        }

        await owner.PostAsJsonAsync(Rules, new { name = "VAT", kind = "tax", basisPoints = 1900, taxInclusive = true });

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await owner.GetAsync($"{Rules}?kind=audience_discount&limit=2" + (cursor is null ? "" : $"&cursor={cursor}")))
                .ReadAsync<CursorPage<PricingRuleResponse>>();
            Assert.True(page.Data.Count <= 2);
            seen.AddRange(page.Data.Select(r => r.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(created, seen);
        var taxes = await (await owner.GetAsync($"{Rules}?kind=tax")).ReadAsync<CursorPage<PricingRuleResponse>>();
        Assert.True(Assert.Single(taxes.Data).TaxInclusive);
    }

    [Fact]
    public async Task ListPricingRules_BadQuery_Returns400NamingParameters()
    {
        var (_, owner) = await TenantAsync();

        var problem = await (await owner.GetAsync($"{Rules}?kind=bogus&limit=0&cursor=zz")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Superset(new HashSet<string> { "kind", "limit", "cursor" }, problem.ErrorFields().ToHashSet());
    }

    [Fact]
    public async Task ListPricingRules_EventFilter_ReturnsRulesForAllEventsAndThatEvent()
    {
        var (_, owner) = await TenantAsync();
        var eventId = Guid.NewGuid();
        var general = await (await owner.PostAsJsonAsync(Rules, ChildDiscount("All events"))).ReadAsync<PricingRuleResponse>();
        var specific = ChildDiscount("This event");
        specific["eventIds"] = new[] { eventId };
        var forEvent = await (await owner.PostAsJsonAsync(Rules, specific)).ReadAsync<PricingRuleResponse>();
        var elsewhere = ChildDiscount("Another event");
        elsewhere["eventIds"] = new[] { Guid.NewGuid() };
        await owner.PostAsJsonAsync(Rules, elsewhere);

        var list = await (await owner.GetAsync($"{Rules}?eventId={eventId}")).ReadAsync<CursorPage<PricingRuleResponse>>();

        Assert.Equal([general.Id, forEvent.Id], list.Data.Select(r => r.Id));
    }

    [Fact]
    public async Task ReplacePricingRule_ChangedValue_UpdatesAndAuditsWhoChangedWhat()
    {
        var (_, owner) = await TenantAsync();
        var created = await (await owner.PostAsJsonAsync(Rules, ChildDiscount())).ReadAsync<PricingRuleResponse>();
        var body = ChildDiscount();
        body["basisPoints"] = 4000;

        var updated = await (await owner.PutAsJsonAsync($"{Rules}/{created.Id}", body)).ReadAsync<PricingRuleResponse>();

        Assert.Equal(4000, updated.BasisPoints);
        Assert.NotEqual(created.Version, updated.Version);
        var audit = await (await owner.GetAsync($"/api/v1/audit-log?entityType=pricing_rule&entityId={created.Id}"))
            .ReadAsync<CursorPage<AuditEntryResponse>>();
        Assert.Equal(["pricing_rule.created", "pricing_rule.updated"], audit.Data.Select(e => e.Action));
        var change = audit.Data[1].Changes!.Value.GetProperty("basisPoints");
        Assert.Equal(5000, change.GetProperty("from").GetInt32());
        Assert.Equal(4000, change.GetProperty("to").GetInt32());
        Assert.StartsWith("user-", audit.Data[1].Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacePricingRule_StaleIfMatch_Returns409AndKeepsValue()
    {
        var (_, owner) = await TenantAsync();
        var created = await (await owner.PostAsJsonAsync(Rules, ChildDiscount())).ReadAsync<PricingRuleResponse>();
        var body = ChildDiscount();
        body["basisPoints"] = 100;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Rules}/{created.Id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{created.Version + 1}\"");

        var problem = await (await owner.SendAsync(request)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("version_mismatch", problem.Code());
        var fetched = await (await owner.GetAsync($"{Rules}/{created.Id}")).ReadAsync<PricingRuleResponse>();
        Assert.Equal(5000, fetched.BasisPoints);
    }

    [Fact]
    public async Task DeletePricingRule_Existing_Returns204ThenGone()
    {
        var (_, owner) = await TenantAsync();
        var created = await (await owner.PostAsJsonAsync(Rules, ChildDiscount())).ReadAsync<PricingRuleResponse>();

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Rules}/{created.Id}")).StatusCode);

        await (await owner.GetAsync($"{Rules}/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PricingRuleById_AnotherTenantsRule_Returns404ForGetReplaceAndDelete()
    {
        var (_, owner) = await TenantAsync();
        var (_, intruder) = await TenantAsync();
        var created = await (await owner.PostAsJsonAsync(Rules, ChildDiscount())).ReadAsync<PricingRuleResponse>();
        var body = ChildDiscount("Hijacked");

        await (await intruder.GetAsync($"{Rules}/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PutAsJsonAsync($"{Rules}/{created.Id}", body)).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync($"{Rules}/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        var still = await (await owner.GetAsync($"{Rules}/{created.Id}")).ReadAsync<PricingRuleResponse>();
        Assert.Equal("Child 50%", still.Name);
    }

    [Fact]
    public async Task PricingRules_ReadOnlyRoleAndScopes_CanReadButNotWrite()
    {
        var (tenantId, owner) = await TenantAsync();
        var created = await (await owner.PostAsJsonAsync(Rules, ChildDiscount())).ReadAsync<PricingRuleResponse>();
        using var scanner = fixture.CreateClient(TestCaller.TenantMember(tenantId, PlatformRoles.Scanner));
        using var reader = fixture.CreateClient(TestCaller.ApiClient(tenantId, PlatformScopes.EventsRead));

        Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync($"{Rules}/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Rules)).StatusCode);
        await (await scanner.PostAsJsonAsync(Rules, ChildDiscount())).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.DeleteAsync($"{Rules}/{created.Id}")).ProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Rules)).StatusCode);
    }
}
