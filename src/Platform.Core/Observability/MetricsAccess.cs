using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Authorization;

namespace Platform.Observability;

/// <summary>
/// Who may read /metrics (policy <see cref="PolicyName"/>): a platform admin's access token, or the scrape token whose
/// SHA-256 is <see cref="ObservabilityOptions.ScrapeTokenSha256"/>, sent as <c>Authorization: Bearer</c> (what
/// Prometheus's <c>authorization</c> block sends). The hashes are compared in constant time.
/// </summary>
internal static class MetricsAccess
{
    public const string PolicyName = Policies.MetricsScrape;

    public static void AddPolicy(IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, p => p.RequireAssertion(ctx =>
            ctx.User.HasClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin)
            || (ctx.Resource is HttpContext http && HasScrapeToken(http))));

    private static bool HasScrapeToken(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value.ScrapeTokenSha256;
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(expected) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] wanted;
        try
        {
            wanted = Convert.FromHexString(expected.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, wanted);
    }
}
