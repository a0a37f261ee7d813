using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Observability;

/// <summary>Every problem response names the request's W3C trace id, the one its log lines and spans carry.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class TraceIdTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Problem_ReturnedByHandler_CarriesTraceIdOfTheRequest()
    {
        var tenant = await fixture.CreateTenantAsync("tr");
        using var client = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));

        var response = await client.GetAsync($"/api/v1/venues/{Guid.NewGuid()}");
        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);

        var traceId = problem.GetProperty("traceId").GetString()!;
        Assert.Matches(TraceId(), traceId);
        // Without a client-sent X-Request-Id the request id is the trace id: one id from response to logs to trace.
        Assert.Equal(traceId, response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Problem_FromValidationAndAuthentication_CarryTraceId()
    {
        using var anonymous = fixture.CreateClient();
        var unauthenticated = await (await anonymous.GetAsync("/api/v1/venues")).ProblemAsync(HttpStatusCode.Unauthorized);

        var tenant = await fixture.CreateTenantAsync("tr");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        var invalid = await (await owner.PostAsJsonAsync("/api/v1/venues", new { name = "", address = "x" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var malformed = await (await owner.PostAsync("/api/v1/venues", new StringContent("{", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest);

        foreach (var problem in new[] { unauthenticated, invalid, malformed })
        {
            Assert.Matches(TraceId(), problem.GetProperty("traceId").GetString()!);
        }
    }

    [Fact]
    public async Task Problem_ClientSentRequestId_StillNamesTheTrace()
    {
        var tenant = await fixture.CreateTenantAsync("tr");
        using var client = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        client.DefaultRequestHeaders.Add("X-Request-Id", "support-case-42");

        var problem = await (await client.GetAsync($"/api/v1/venues/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("support-case-42", problem.GetProperty("requestId").GetString());
        Assert.Matches(TraceId(), problem.GetProperty("traceId").GetString()!);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceId();
}
