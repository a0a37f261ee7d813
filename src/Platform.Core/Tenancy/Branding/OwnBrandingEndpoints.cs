using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Http;
using Platform.Tenancy.Administration;

namespace Platform.Tenancy.Branding;

/// <summary>A tenant's own look on its storefront. Omitted (null) fields keep their value.</summary>
public sealed record SetOwnBrandingRequest(string? LogoUrl, string? PrimaryColor, string? AccentColor);

/// <summary>
/// The tenant's branding, where its storefront is (the console's "view my storefront"), and the defaults its staff
/// need to create events (currency for prices, time zone for dates).
/// </summary>
public sealed record OwnBrandingResponse(
    string Slug, string DisplayName, string? LogoUrl, string PrimaryColor, string AccentColor, string StorefrontPath,
    string Locale, string TimeZone, string DefaultCurrency)
{
    public static OwnBrandingResponse From(Tenant t) =>
        new(t.Slug, t.DisplayName, t.Branding.LogoUrl, t.Branding.PrimaryColor, t.Branding.AccentColor, $"/t/{t.Slug}",
            t.Locale, t.TimeZone, t.DefaultCurrency);
}

internal sealed class SetOwnBrandingRequestValidator : AbstractValidator<SetOwnBrandingRequest>
{
    public SetOwnBrandingRequestValidator()
    {
        // The same rules as the platform admin's branding (BrandingRequestValidator): one rule, two doors.
        RuleFor(b => b.LogoUrl).LogoUrl();
        RuleFor(b => b.PrimaryColor).HexColor("primaryColor");
        RuleFor(b => b.AccentColor).HexColor("accentColor");
    }
}

/// <summary>
/// The tenant's own branding (issue #15 onboarding): before this only a platform admin could set it through
/// /api/v1/admin/tenants. Owners and Admins (tenant-admin) set logo and colours; the custom host stays with the
/// platform admin, because it changes how requests are routed to tenants.
/// </summary>
public static class OwnBrandingEndpoints
{
    public static IEndpointRouteBuilder MapOwnBranding(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenant/branding").WithTags("Tenant branding")
            .RequireAuthorization(Policies.TenantAdmin).WithStandardProblems();
        group.MapGet("", GetAsync).WithName("GetOwnBranding").WithSummary("Gets the tenant's logo, colours and storefront path.");
        group.MapPatch("", SetAsync).WithName("SetOwnBranding")
            .WithSummary("Sets the tenant's logo URL (https) and colours (#RRGGBB); omitted fields keep their value.")
            .WithValidation<SetOwnBrandingRequest>();
        return app;
    }

    private static async Task<Results<Ok<OwnBrandingResponse>, ProblemHttpResult>> GetAsync(
        TenantContext context, TenantAdministration admin, CancellationToken ct) =>
        await admin.FindAsync(context.RequiredTenantId, ct) is { } tenant
            ? TypedResults.Ok(OwnBrandingResponse.From(tenant))
            : ApiProblems.NotFound("tenant");

    private static async Task<Results<Ok<OwnBrandingResponse>, ProblemHttpResult>> SetAsync(
        SetOwnBrandingRequest request, TenantContext context, TenantAdministration admin, CancellationToken ct)
    {
        if (await admin.FindAsync(context.RequiredTenantId, ct) is not { } tenant)
        {
            return ApiProblems.NotFound("tenant");
        }

        var update = new UpdateTenantRequest(null, null, null, null, null,
            new BrandingRequest(request.LogoUrl?.Trim(), request.PrimaryColor, request.AccentColor, null));
        return TypedResults.Ok(OwnBrandingResponse.From(await admin.UpdateAsync(tenant, update, null, ct)));
    }
}
