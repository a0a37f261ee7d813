using System.Net;
using System.Text;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Http;

/// <summary>
/// One rule for text anywhere in a request: a NUL or other control character (tab and line breaks aside) is refused
/// with a 400 <c>invalid_characters</c> problem naming the field, and nothing is stored. These used to be 500s
/// (PostgreSQL cannot store U+0000) or, for ticket transfers, stored.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class InputTextTests(PlatformFixture fixture)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static TheoryData<string, string, string, string> BodiesWithNul => new()
    {
        { "POST", "/api/v1/venues", """{"name":"Hall\u0000A","address":"Main street 1"}""", "name" },
        { "POST", "/api/v1/events", """{"title":"Gala\u0000","timeZone":"Europe/Berlin"}""", "title" },
        { "POST", $"/api/v1/events/{Guid.NewGuid()}/quotas", """{"name":"Floor\u0000","capacity":10}""", "name" },
        { "POST", "/api/v1/pricing-rules", """{"name":"Early\u0001bird","kind":"early_bird"}""", "name" },
        { "POST", "/api/v1/api-clients", """{"name":"Box office\u0000","scopes":["events:read"]}""", "name" },
        { "POST", "/api/v1/vouchers", """{"code":"SAVE\u000010"}""", "code" },
        { "POST", $"/api/v1/tickets/{Guid.NewGuid()}/transfer", """{"name":"Li\u0000 Wei","email":"li@example.com"}""", "name" },
        { "POST", "/api/v1/events", """{"title":"Gala","occurrences":[{"startsAt":"2030-01-01T20:00:00Z"},{"timeZone":"x\u0007"}]}""", "occurrences[1].timeZone" },
        { "POST", "/api/v1/api-clients", """{"name":"Ok","scopes":["events:read","\ud800"]}""", "scopes[1]" },
    };

    [Theory]
    [MemberData(nameof(BodiesWithNul))]
    public async Task Body_StringWithControlCharacter_Returns400NamingTheField(string method, string path, string body, string field)
    {
        var tenant = await fixture.CreateTenantAsync("nul");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));

        var response = await owner.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_characters", problem.Code());
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task CreateVenue_NameWithNul_IsNotStored()
    {
        var tenant = await fixture.CreateTenantAsync("nul");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));

        var response = await owner.PostAsync("/api/v1/venues", Json("""{"name":"Stored\u0000Hall","address":"Main street 1"}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_characters", problem.Code());
        Assert.DoesNotContain("Stored", await owner.GetStringAsync("/api/v1/venues"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_DisplayNameWithNul_Returns400Anonymously()
    {
        using var anonymous = fixture.CreateClient();
        var body = $$"""{"email":"nul-{{Guid.NewGuid():N}}@example.com","password":"Correct-Horse-9","displayName":"Ana\u0000"}""";

        var problem = await (await anonymous.PostAsync("/api/v1/signup", Json(body))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid_characters", problem.Code());
        Assert.Contains("displayName", problem.ErrorFields());
    }

    [Fact]
    public async Task PublicCatalog_QueryWithNul_Returns400NamingTheParameterAnonymously()
    {
        var tenant = await fixture.CreateTenantAsync("nul");
        using var anonymous = fixture.CreateClient();

        var response = await anonymous.GetAsync($"/api/v1/public/tenants/{tenant.Slug}/events?q=%00");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_characters", problem.Code());
        Assert.Contains("q", problem.ErrorFields());
    }

    [Fact]
    public async Task RouteValueWithControlCharacter_Returns400NamingTheParameter()
    {
        using var anonymous = fixture.CreateClient();

        // %00 itself never gets this far: the server's URL decoder refuses a NUL in the path before the app runs.
        var response = await anonymous.GetAsync("/api/v1/public/tenants/x%01y/events");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_characters", problem.Code());
        Assert.Contains("tenant", problem.ErrorFields());
    }

    [Fact]
    public async Task ThrownProblem_CarriesRequestIdHeader_MatchingTheBody()
    {
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);

        // Malformed JSON is answered by the exception handler, the same path a 500 takes.
        var response = await admin.PostAsync("/api/v1/admin/tenants", Json("{\"slug\":"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(response.Headers.TryGetValues("X-Request-Id", out var ids), "X-Request-Id missing on a thrown problem");
        Assert.Equal(problem.GetProperty("requestId").GetString(), ids.Single());
    }

    [Fact]
    public async Task MistypedOrUnknownProperty_ProblemNamesNoDotNetType()
    {
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);

        var mistyped = await (await admin.PostAsync("/api/v1/admin/tenants", Json("{\"slug\": 42}"))).Content.ReadAsStringAsync();
        var unknown = await (await admin.PostAsync("/api/v1/admin/tenants", Json("{\"owner\": 1}"))).Content.ReadAsStringAsync();
        var badQuery = await (await admin.GetAsync("/api/v1/admin/tenants?limit=lots")).Content.ReadAsStringAsync();

        foreach (var body in new[] { mistyped, unknown, badQuery })
        {
            Assert.DoesNotMatch(@"System\.|Platform\.|\.NET|Int32|Request\b", body);
        }
    }
}
