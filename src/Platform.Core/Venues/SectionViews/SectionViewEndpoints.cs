using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tenancy.PublicProfile;

namespace Platform.Venues.SectionViews;

public sealed record SectionViewResponse(Guid SectionId, string ContentType, int Width, int Height, int Bytes, string ETag, DateTimeOffset UpdatedAt, string Url);

/// <summary>
/// The view from a section: a tenant admin uploads one image per section (the body is the image itself; its type is
/// sniffed from the bytes), and anyone reads it from the public storefront API with caching headers.
/// </summary>
public static class SectionViewEndpoints
{
    /// <summary>Browsers and CDNs may keep the image this long; a new upload changes the ETag and the storefront's URL.</summary>
    public const int MaxAgeSeconds = 300;

    public static IEndpointRouteBuilder MapSectionViews(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/venues/{id:guid}/sections/{sectionId:guid}/view").WithTags("Venues")
            .RequireAuthorization(Policies.TenantAdmin).WithStandardProblems().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("", PutAsync).WithName("PutSectionView").WithBodySizeLimit(SectionViewImage.MaxBytes)
            .Accepts<IFormFile>("image/jpeg", "image/png", "image/webp", "application/octet-stream")
            .WithSummary("Uploads the view from a section (JPEG, PNG or WebP, at most 2 MB and 6000 px a side; the type is read from the bytes), replacing any earlier one.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("", DeleteAsync).WithName("DeleteSectionView").WithSummary("Removes the view from a section.");

        app.MapGroup(TenantProfileEndpoints.PublicTenantPrefix + "/venues/{venueId:guid}/sections/{sectionId:guid}/view")
            .WithTags("Public storefront").AllowAnonymous().WithStandardProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .MapGet("", GetAsync).WithName("GetSectionView")
            .WithSummary("Gets the view from a section as an image, with ETag / If-None-Match and a public Cache-Control.")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp"])
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    public static string PublicUrl(string tenantSlug, Guid venueId, Guid sectionId, string hash) =>
        $"/api/v1/public/tenants/{tenantSlug}/venues/{venueId}/sections/{sectionId}/view?v={hash[..12]}";

    private static async Task<Results<Ok<SectionViewResponse>, ProblemHttpResult>> PutAsync(
        Guid id, Guid sectionId, HttpRequest request, PlatformDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var code = await db.Set<VenueSection>().Where(s => s.Id == sectionId && s.VenueId == id).Select(s => s.Code).FirstOrDefaultAsync(ct);
        if (code is null)
        {
            return ApiProblems.NotFound("section");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (SectionViewImage.Sniff(bytes) is not { } image)
        {
            throw new UnprocessableException("unsupported_image", "The body must be a JPEG, PNG or WebP image of at most 6000 px a side.");
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..32];
        var view = await db.Set<SectionView>().FirstOrDefaultAsync(v => v.SectionId == sectionId, ct);
        var before = view is null ? null : Describe(view);
        if (view is null)
        {
            view = new SectionView { SectionId = sectionId, VenueId = id, ContentType = image.ContentType, Content = bytes, Hash = hash };
            db.Add(view);
        }

        (view.ContentType, view.Content, view.Width, view.Height, view.Hash, view.UpdatedAt) =
            (image.ContentType, bytes, image.Width, image.Height, hash, clock.GetUtcNow());
        // The image is public on the storefront: who put which picture there must be answerable (the entry commits with it).
        audit.Record("venue.section_view_uploaded", "venue", id.ToString(),
            new Dictionary<string, FieldChange> { [$"sections.{code}.view"] = new(before, Describe(view)) });
        await db.SaveChangesAsync(ct);
        var slug = await db.Set<Tenant>().Where(t => t.Id == tenant.RequiredTenantId).Select(t => t.Slug).FirstAsync(ct);
        return TypedResults.Ok(new SectionViewResponse(sectionId, view.ContentType, view.Width, view.Height, bytes.Length, Quote(hash), view.UpdatedAt,
            PublicUrl(slug, id, sectionId, hash)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Guid sectionId, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        // Read without the image bytes (up to 2 MB): the audit entry needs only what the view was.
        var found = await db.Set<SectionView>().Where(v => v.SectionId == sectionId && v.VenueId == id)
            .Join(db.Set<VenueSection>(), v => v.SectionId, s => s.Id, (v, s) => new { v.TenantId, s.Code, v.ContentType, v.Width, v.Height, v.Hash, Bytes = v.Content.Length })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return ApiProblems.NotFound("section view");
        }

        db.Remove(new SectionView { TenantId = found.TenantId, SectionId = sectionId, VenueId = id, ContentType = found.ContentType, Content = [], Hash = found.Hash });
        audit.Record("venue.section_view_removed", "venue", id.ToString(), new Dictionary<string, FieldChange>
        {
            [$"sections.{found.Code}.view"] = new(Describe(found.ContentType, found.Width, found.Height, found.Bytes, found.Hash), null),
        });
        // A concurrent delete already removed it: EF's concurrency check says so, and it is the same 404 as above.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.NotFound("section view");
        }

        return TypedResults.NoContent();
    }

    private static string Describe(SectionView view) => Describe(view.ContentType, view.Width, view.Height, view.Content.Length, view.Hash);

    private static string Describe(string contentType, int width, int height, int bytes, string hash) =>
        $"{contentType} {width}x{height}, {bytes} bytes, sha256 {hash[..12]}";

    private static async Task<IResult> GetAsync(Guid venueId, Guid sectionId, HttpContext http, PlatformDbContext db, CancellationToken ct)
    {
        var view = await db.Set<SectionView>().AsNoTracking().FirstOrDefaultAsync(v => v.SectionId == sectionId && v.VenueId == venueId, ct);
        if (view is null)
        {
            return ApiProblems.NotFound("section view");
        }

        var etag = Quote(view.Hash);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = $"public, max-age={MaxAgeSeconds}";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "*"))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(view.Content, view.ContentType);
    }

    private static string Quote(string hash) => $"\"{hash}\"";
}
