using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Tenancy;

/// <summary>
/// Resolves the tenant once per request: from the access token's tenant claim for API calls, otherwise from a
/// /t/{tenant} route, a custom host name or a subdomain for public pages. A suspended tenant is refused here, before
/// any handler runs; its data is untouched.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next, TenantDirectory directory, IOptions<TenancyOptions> options)
{
    public const string RouteParameter = "tenant";

    public async Task InvokeAsync(HttpContext context, TenantContext tenantContext, PlatformDbContext db)
    {
        var ct = context.RequestAborted;
        TenantSnapshot? tenant = null;
        var claim = context.User.FindFirst(PlatformClaims.TenantId)?.Value;

        if (claim is not null)
        {
            tenant = Guid.TryParse(claim, out var id) ? await directory.FindByIdAsync(db, id, ct) : null;
            if (tenant is null)
            {
                await WriteProblem(context, StatusCodes.Status401Unauthorized, "tenant_unknown", "The token's tenant does not exist.");
                return;
            }
        }
        else if (context.Request.RouteValues.TryGetValue(RouteParameter, out var slugValue) && slugValue is string slug)
        {
            tenant = await directory.FindBySlugAsync(db, slug, ct);
            if (tenant is null)
            {
                await (TenantNotFoundPage.Wanted(context.Request)
                    ? TenantNotFoundPage.WriteAsync(context, slug)
                    : WriteProblem(context, StatusCodes.Status404NotFound, "not_found", "The tenant was not found."));
                return;
            }
        }
        else if (HostSlug(context.Request.Host.Host) is { } hostSlug)
        {
            tenant = await directory.FindBySlugAsync(db, hostSlug, ct);
        }
        else if (!string.IsNullOrEmpty(context.Request.Host.Host))
        {
            tenant = await directory.FindByHostAsync(db, context.Request.Host.Host, ct);
        }

        if (tenant is not null)
        {
            if (tenant.IsSuspended)
            {
                await WriteProblem(context, StatusCodes.Status403Forbidden, "tenant_suspended",
                    $"The tenant '{tenant.Slug}' is suspended; contact the platform operator.");
                return;
            }

            tenantContext.Set(tenant.Id, tenant.Slug);
        }

        await next(context);
    }

    private string? HostSlug(string host)
    {
        var baseDomain = options.Value.PublicBaseDomain;
        if (string.IsNullOrEmpty(baseDomain) || !host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var slug = host[..^(baseDomain.Length + 1)];
        return slug.Contains('.', StringComparison.Ordinal) ? null : slug;
    }

    private static Task WriteProblem(HttpContext context, int status, string code, string detail) =>
        ApiProblems.Create(status, code, detail).ExecuteAsync(context);
}
