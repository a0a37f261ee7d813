using Microsoft.AspNetCore.OutputCaching;
using Platform.Tenancy;

namespace Platform.Api.Storefront;

/// <summary>
/// Tags every cached storefront page with its tenant (and its event, for event pages), and evicts those tags when the
/// back office changes what the pages show: an event, its occurrences, ticket types, prices, sales windows or status
/// (/api/v1/events/{id}/…), venues (/api/v1/venues/…), or the tenant's name and branding (/api/v1/admin/tenants/{id}).
/// Only successful writes evict; buyers' holds and orders never do (they would empty the cache during an on-sale;
/// availability on the pages has its own one-second window). The output cache is in memory per node: the node that took
/// the write evicts at once and <see cref="StorefrontCacheBus"/> carries the tags to the other nodes.
/// </summary>
public static class StorefrontCacheTags
{
    /// <summary>Every storefront page of every tenant: evicted when a node's cache bus (re)connects.</summary>
    public const string All = "sf";

    public static string Tenant(Guid tenantId) => $"sf:{tenantId}";

    public static string Event(Guid tenantId, Guid eventId) => $"sf:{tenantId}:event:{eventId}";

    public static string Home(Guid tenantId) => $"sf:{tenantId}:home";

    /// <summary>Tags to evict after a successful write to <paramref name="path"/>, or none when the write cannot change a page.</summary>
    public static IReadOnlyList<string> ForWrite(PathString path, Guid? tenantId)
    {
        var parts = path.Value?.Trim('/').Split('/') ?? [];
        if (parts is ["api", "v1", "admin", "tenants", var target, ..] && Guid.TryParse(target, out var adminTenant))
        {
            return [Tenant(adminTenant)];
        }

        if (tenantId is not { } tenant)
        {
            return [];
        }

        return parts switch
        {
            // A new event or a change to one: its page, and the home page that lists it (a new one has no page yet).
            ["api", "v1", "events", var id, ..] when Guid.TryParse(id, out var eventId) => [Event(tenant, eventId), Home(tenant)],
            ["api", "v1", "events"] => [Home(tenant)],
            // A venue's name or map shows on every page of its events: the tenant's pages go.
            ["api", "v1", "venues", ..] => [Tenant(tenant)],
            _ => [],
        };
    }

    /// <summary>
    /// The output-cache policy part that adds the tags to each cached page. The tags are added when the rendered page
    /// starts its response, not when the request arrives: the output cache sits in front of tenant resolution (a cache
    /// hit costs no tenant lookup, authentication or rate-limit partition), so the tenant is known only once the page
    /// below it has run. The store reads the tags when it stores the finished body, after this.
    /// </summary>
    internal sealed class Policy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.RequestServices.GetService<TenantContext>()?.TenantId is { } tenant)
            {
                context.Tags.Add(All);
                context.Tags.Add(Tenant(tenant));
                if (context.HttpContext.GetRouteValue("id") is string id && Guid.TryParse(id, out var eventId))
                {
                    context.Tags.Add(Event(tenant, eventId));
                }
                else
                {
                    context.Tags.Add(Home(tenant));
                }
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>After a successful back-office write, evicts the pages it changes (see the class summary).</summary>
    internal static async Task EvictAfterWriteAsync(HttpContext http, Func<Task> next)
    {
        await next();
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || http.Response.StatusCode is < 200 or >= 300)
        {
            return;
        }

        var tags = ForWrite(http.Request.Path, http.RequestServices.GetService<TenantContext>()?.TenantId);
        if (tags.Count == 0)
        {
            return;
        }

        await http.RequestServices.GetRequiredService<StorefrontCacheBus>().EvictEverywhereAsync(tags, CancellationToken.None);
    }
}
