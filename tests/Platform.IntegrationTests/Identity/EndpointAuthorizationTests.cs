using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// Walks every endpoint the app maps (API operations, OAuth endpoints, pages, health): each must name a policy or be
/// explicitly anonymous; and every (role, endpoint) pair behind a tenant policy is checked against the matrix.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class EndpointAuthorizationTests(PlatformFixture fixture)
{
    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    private static string? Policy(Endpoint e) =>
        e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => !string.IsNullOrEmpty(p));

    private static bool IsAnonymous(Endpoint e) => e.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    [Fact]
    public void EveryEndpoint_NamesPolicyOrAllowAnonymous()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 20, "The walk found too few endpoints to be meaningful.");

        var unprotected = endpoints.Where(e => !IsAnonymous(e) && Policy(e) is null)
            .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .ToList();
        Assert.True(unprotected.Count == 0, "Endpoints without an explicit policy or AllowAnonymous:\n" + string.Join('\n', unprotected));

        var known = new HashSet<string>(Policies.TenantPermissions.Keys) { Policies.PlatformAdmin, Policies.SignedInUser, Policies.MetricsScrape };
        Assert.All(endpoints.Where(e => !IsAnonymous(e)), e => Assert.Contains(Policy(e)!, known));
    }

    [Fact]
    public async Task EveryTenantRoleOnEveryProtectedApiEndpoint_MatchesTheMatrix()
    {
        var tenant = await fixture.CreateTenantAsync("rm");
        var mismatches = new List<string>();
        var checkedPairs = 0;
        foreach (var endpoint in Endpoints().Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !IsAnonymous(e)))
        {
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                // The expectation comes from the hand-kept table in docs/roles.md, not from the endpoint under test (an
                // endpoint missing from the table is reported by EndpointPolicyTableTests; here it falls back to its own).
                var policy = EndpointPolicyTable.All.GetValueOrDefault((method, EndpointPolicyTable.Normalize(endpoint.RoutePattern.RawText!)))
                             ?? Policy(endpoint)!;
                var url = Url(endpoint.RoutePattern.RawText!);
                // Routing answers 415 for a body type the endpoint does not accept before authorization runs: send one it does.
                var contentType = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault()
                                  ?? "application/json";
                foreach (var role in PlatformRoles.TenantRoles)
                {
                    var allowed = Policies.TenantPermissions.TryGetValue(policy, out var requirement) && requirement.Roles.Contains(role);
                    var status = await SendAsync(TestCaller.TenantMember(tenant.Id, role), method, url, contentType);
                    checkedPairs++;
                    if (allowed == (status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized))
                    {
                        mismatches.Add($"{role} {method} {url} ({policy}): expected {(allowed ? "allowed" : "403")}, got {(int)status}");
                    }
                }

                if (policy == Policies.PlatformAdmin
                    && await SendAsync(TestCaller.PlatformAdmin, method, url, contentType) is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                {
                    mismatches.Add($"platform_admin {method} {url}: refused");
                }
            }
        }

        Assert.True(checkedPairs > 50, $"Only {checkedPairs} pairs checked.");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task ApiEndpoints_Anonymous_Unauthorized()
    {
        using var anonymous = fixture.CreateClient();
        foreach (var endpoint in Endpoints().Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !IsAnonymous(e)))
        {
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(endpoint.RoutePattern.RawText!)));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {endpoint.RoutePattern.RawText}: {(int)response.StatusCode}");
            }
        }
    }

    private async Task<HttpStatusCode> SendAsync(TestCaller caller, string method, string url, string contentType)
    {
        using var client = fixture.CreateClient(caller);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, contentType);
        }

        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>Fills route parameters with values that match their constraints but no existing row.</summary>
    private static string Url(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Groups[2].Value switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" or "long" => "1",
            _ => "x-" + Guid.NewGuid().ToString("N")[..8],
        });

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::([a-z]+))?[^}]*\}")]
    private static partial Regex RouteParameter();
}
