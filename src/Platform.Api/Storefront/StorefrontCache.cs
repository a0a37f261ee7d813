using Microsoft.AspNetCore.OutputCaching;

namespace Platform.Api.Storefront;

/// <summary>
/// The tenant home and event pages are the on-sale's hottest reads: cached for one second per tenant, path and
/// language (query string and the language cookie / Accept-Language are part of the key), anonymous GETs only, and
/// tagged per tenant and event so a back-office change evicts them at once (<see cref="StorefrontCacheTags"/>).
/// A second is short enough that a sell-out shows up to a buyer almost at once.
/// </summary>
public static class StorefrontCache
{
    public const string Policy = "storefront";

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(1);

    public static void Configure(OutputCachePolicyBuilder policy, TimeSpan duration) => policy
        .Expire(duration)
        .SetVaryByRouteValue("tenant", "id")
        .SetVaryByQuery("lang")
        .SetVaryByHeader("Accept-Language", "Host")
        .VaryByValue(http => new KeyValuePair<string, string>("lang", http.Request.Cookies[StorefrontCulture.Cookie] ?? ""))
        .AddPolicy<StorefrontCacheTags.Policy>();
}
