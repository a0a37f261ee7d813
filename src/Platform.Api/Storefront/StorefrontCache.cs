using Microsoft.AspNetCore.OutputCaching;

namespace Platform.Api.Storefront;

/// <summary>
/// The tenant home and event pages are the on-sale's hottest reads: cached for one second per tenant, path and
/// language (query string and the language cookie / Accept-Language are part of the key), anonymous GETs only. A
/// second is short enough that an edit or a sell-out shows up to a buyer almost at once.
/// </summary>
public static class StorefrontCache
{
    public const string Policy = "storefront";

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(1);

    public static void Configure(OutputCachePolicyBuilder policy) => policy
        .Expire(Duration)
        .SetVaryByRouteValue("tenant", "id")
        .SetVaryByQuery("lang")
        .SetVaryByHeader("Accept-Language", "Host")
        .VaryByValue(http => new KeyValuePair<string, string>("lang", http.Request.Cookies[StorefrontCulture.Cookie] ?? ""));
}
