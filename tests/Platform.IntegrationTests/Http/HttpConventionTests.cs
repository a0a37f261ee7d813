using System.Net;
using System.Text;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Http;

[Collection(PlatformCollection.Name)]
public sealed class HttpConventionTests(PlatformFixture fixture)
{
    private readonly HttpClient admin = fixture.CreateClient(TestCaller.PlatformAdmin);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Post_MalformedJson_Returns400Problem()
    {
        var problem = await (await admin.PostAsync("/api/v1/admin/tenants", Json("{\"slug\": \"abc\","))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("malformed_json", problem.Code());
    }

    [Fact]
    public async Task Post_WrongType_Returns400NamingTheField()
    {
        var problem = await (await admin.PostAsync("/api/v1/admin/tenants", Json("{\"slug\": 42}"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("slug", problem.ErrorFields());
    }

    [Fact]
    public async Task Post_UnknownEnumValue_Returns400NamingTheField()
    {
        var problem = await (await admin.PostAsync("/api/v1/admin/tenants", Json("{\"kind\": \"casino\"}"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("kind", problem.ErrorFields());
    }

    [Fact]
    public async Task Post_UnknownProperty_Returns400AndWritesNothing()
    {
        var slug = "mass-" + Guid.NewGuid().ToString("N")[..8];
        var body = $$"""{"slug":"{{slug}}","displayName":"X","kind":"venue","locale":"en","timeZone":"UTC","defaultCurrency":"EUR","status":"suspended"}""";

        var problem = await (await admin.PostAsync("/api/v1/admin/tenants", Json(body))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("malformed_json", problem.Code());
        var list = await admin.GetStringAsync($"/api/v1/admin/tenants?q={slug}");
        Assert.DoesNotContain(slug, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OversizeBody_Returns413Problem()
    {
        var big = "{\"displayName\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        var problem = await (await admin.PostAsync("/api/v1/admin/tenants", Json(big))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("body_too_large", problem.Code());
    }

    [Fact]
    public async Task Post_EmptyBody_Returns400Problem()
    {
        var problem = await (await admin.PostAsync("/api/v1/admin/tenants", Json(""))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Code());
    }

    [Fact]
    public async Task AnyResponse_CarriesRequestId_AndEchoesAWellFormedOne()
    {
        var generated = await admin.GetAsync("/api/v1/admin/tenants?limit=1");
        Assert.False(string.IsNullOrEmpty(generated.Headers.GetValues("X-Request-Id").Single()));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/admin/tenants/{Guid.NewGuid()}");
        request.Headers.Add("X-Request-Id", "client-req-123");
        var response = await admin.SendAsync(request);
        Assert.Equal("client-req-123", response.Headers.GetValues("X-Request-Id").Single());
        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("client-req-123", problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Health_LiveAndReady_AreHealthyAnonymously()
    {
        using var anonymous = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        await (await admin.GetAsync("/api/v1/no-such-thing")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
