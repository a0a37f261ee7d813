using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Http;

/// <summary>
/// Sends empty, malformed and wrongly typed bodies to every write endpoint of the API, as a tenant owner and as a
/// platform admin: each must answer with a 4xx problem, never a 500.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class BadInputSweepTests(PlatformFixture fixture)
{
    [GeneratedRegex(@"\{(?<name>[A-Za-z_]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task EveryWriteEndpoint_EmptyMalformedOrMistypedBody_AnswersWithoutServerError()
    {
        var tenant = await fixture.CreateTenantAsync("sweep");
        var callers = new[] { TestCaller.TenantMember(tenant.Id, "owner"), TestCaller.PlatformAdmin };
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH")
                .Select(m => (Method: m, Path: RouteParameter().Replace(e.RoutePattern.RawText!,
                    p => p.Groups["name"].Value == "tenant" ? tenant.Slug : Guid.NewGuid().ToString()))))
            .ToList();
        Assert.NotEmpty(endpoints);

        var failures = new List<string>();
        foreach (var caller in callers)
        {
            using var client = fixture.CreateClient(caller);
            foreach (var (method, path) in endpoints)
            {
                foreach (var body in new[] { "{}", "{\"x\":", "[]", "{\"lines\": 5, \"quantity\": \"many\"}" })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path)
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    var response = await client.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{method} {path} with {body} as {caller.Subject}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
