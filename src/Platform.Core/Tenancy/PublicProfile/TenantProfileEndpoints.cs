using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Tenancy.PublicProfile;

/// <summary>What a storefront needs to present a tenant: its name, locale, currency and branding.</summary>
public sealed record TenantProfileResponse(
    string Slug, string DisplayName, string Locale, string TimeZone, string DefaultCurrency,
    string? LogoUrl, string PrimaryColor, string AccentColor);

public static class TenantProfileEndpoints
{
    /// <summary>
    /// Anonymous, tenant-addressed routes live under /api/v1/public/tenants/{tenant}; the {tenant} route value is what
    /// tenant resolution reads, so a suspended tenant's public surface is refused in one place.
    /// </summary>
    public const string PublicTenantPrefix = "/api/v1/public/tenants/{" + TenantResolutionMiddleware.RouteParameter + "}";

    public static IEndpointRouteBuilder MapTenantProfile(this IEndpointRouteBuilder app)
    {
        app.MapGet(PublicTenantPrefix, GetAsync)
            .WithTags("Public storefront")
            .AllowAnonymous()
            .WithName("GetTenantProfile")
            .WithSummary("Gets a tenant's public profile and branding, for storefronts.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<TenantProfileResponse>, ProblemHttpResult>> GetAsync(
        string tenant, TenantContext context, PlatformDbContext db, CancellationToken ct)
    {
        var id = context.TenantId;
        var found = id is null ? null : await db.Set<Tenant>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return found is null
            ? ApiProblems.NotFound("tenant")
            : TypedResults.Ok(new TenantProfileResponse(found.Slug, found.DisplayName, found.Locale, found.TimeZone,
                found.DefaultCurrency, found.Branding.LogoUrl, found.Branding.PrimaryColor, found.Branding.AccentColor));
    }
}
