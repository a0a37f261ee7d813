using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// Every API endpoint's policy against the hand-kept table in docs/roles.md (issue #23): a downgraded policy used to be
/// caught only by the OpenAPI snapshot, which regeneration accepts without a word.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EndpointPolicyTableTests(PlatformFixture fixture)
{
    /// <summary>What each mapped API operation requires: its policy, or "anonymous".</summary>
    private Dictionary<(string Method, string Route), string> Mapped()
    {
        var mapped = new Dictionary<(string, string), string>();
        foreach (var e in fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var policy = e.Metadata.GetMetadata<IAllowAnonymous>() is not null ? EndpointPolicyTable.Anonymous
                : e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => !string.IsNullOrEmpty(p)) ?? "(none)";
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                mapped[(method, EndpointPolicyTable.Normalize(e.RoutePattern.RawText!))] = policy;
            }
        }

        return mapped;
    }

    [Fact]
    public void EveryApiEndpoint_PolicyEqualsItsRowInRolesMd()
    {
        var table = EndpointPolicyTable.All;
        var mapped = Mapped();

        var differing = mapped.Where(m => table.TryGetValue(m.Key, out var expected) && expected != m.Value)
            .Select(m => $"  {m.Key.Method} {m.Key.Route}: docs/roles.md says `{table[m.Key]}`, the endpoint requires `{m.Value}`")
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(table.Count > 100, $"Only {table.Count} rows read from docs/roles.md: is the table still there?");
        Assert.True(differing.Count == 0, "Endpoint policies that differ from docs/roles.md (fix the endpoint, or the table if the change is meant):\n"
            + string.Join('\n', differing));
    }

    [Fact]
    public void EveryApiEndpoint_HasARowInRolesMd()
    {
        var table = EndpointPolicyTable.All;
        var missing = Mapped().Where(m => !table.ContainsKey(m.Key))
            .Select(m => EndpointPolicyTable.Row(m.Key.Method, m.Key.Route, m.Value)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            "API endpoints missing from the \"Endpoint policies\" table of docs/roles.md. Check each policy against the matrix, then add:\n"
            + string.Join('\n', missing));
    }

    [Fact]
    public void EveryRowInRolesMd_NamesAMappedEndpoint()
    {
        var mapped = Mapped();
        var stale = EndpointPolicyTable.All.Keys.Where(k => !mapped.ContainsKey(k)).Select(k => $"  {k.Method} {k.Route}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0, "Rows of docs/roles.md that name no mapped endpoint (removed or renamed?):\n" + string.Join('\n', stale));
    }
}
