using Platform.PostEvent.Counts;

namespace Platform.Api.Storefront;

/// <summary>
/// Counts views of a storefront event page (<c>/t/{tenant}/events/{id}</c>) for the analyst's conversion funnel
/// (issue #18 item 2). It wraps the output cache, so a cached answer counts as a view like a rendered one, and it
/// counts only after the page answered 200: a 404 for a made-up id or a suspended tenant's page is no view. The cost
/// on the hot path is a path check and an interlocked add; <see cref="EventOutcomeFlusher"/> writes the counts.
/// </summary>
public static class StorefrontPageViews
{
    public static WebApplication UseStorefrontPageViews(this WebApplication app)
    {
        var views = app.Services.GetRequiredService<PageViewBuffer>();
        app.Use(async (http, next) =>
        {
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status200OK && HttpMethods.IsGet(http.Request.Method)
                && TryParse(http.Request.Path, out var slug, out var eventId))
            {
                views.Record(slug, eventId);
            }
        });
        return app;
    }

    /// <summary>Reads <c>/t/{slug}/events/{guid}</c> (an optional trailing slash); any other path is no event page.</summary>
    internal static bool TryParse(PathString path, out string slug, out Guid eventId)
    {
        (slug, eventId) = ("", Guid.Empty);
        if (!path.StartsWithSegments("/t"))
        {
            return false;
        }

        var parts = (path.Value ?? "").Trim('/').Split('/');
        if (parts is not ["t", var tenant, "events", var id] || tenant.Length == 0 || !Guid.TryParse(id, out eventId))
        {
            return false;
        }

        slug = tenant;
        return true;
    }
}
