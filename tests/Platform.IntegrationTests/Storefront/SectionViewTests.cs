using System.Net;
using System.Net.Http.Headers;
using Platform.Auditing;
using Platform.Http;
using Platform.IntegrationTests.Holds;
using Platform.IntegrationTests.Infrastructure;
using Platform.Venues.SectionViews;
using SkiaSharp;

namespace Platform.IntegrationTests.Storefront;

/// <summary>
/// The view from a section: uploaded by a tenant admin as the image bytes themselves (type sniffed, never trusted),
/// served anonymously with ETag and Cache-Control, shown on the seats page, and never another tenant's.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SectionViewTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Upload_IsSniffed_ServedWithCachingHeaders_AndShownOnTheSeatsPage()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var png = Image(SKEncodedImageFormat.Png, 40, 30);

        // Declared as something else entirely: what counts is what the bytes are.
        var put = await s.Owner.PutAsync(ViewPath(s), Body(png, "application/octet-stream"));
        var view = await put.ReadAsync<SectionViewResponse>();

        Assert.Equal(("image/png", 40, 30, png.Length), (view.ContentType, view.Width, view.Height, view.Bytes));
        using var anonymous = fixture.CreateClient();
        var image = await anonymous.GetAsync(view.Url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal($"public, max-age={SectionViewEndpoints.MaxAgeSeconds}", image.Headers.CacheControl?.ToString());
        Assert.Equal(view.ETag, image.Headers.ETag?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, view.Url) { Headers = { { "If-None-Match", view.ETag } } };
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);

        var page = await anonymous.GetStringAsync($"/t/{s.Events.Tenant.Slug}/events/{s.Event.Id}/{s.OccurrenceId}/seats");
        Assert.Contains($"src=\"{view.Url.Replace("&", "&amp;", StringComparison.Ordinal)}\"", page, StringComparison.Ordinal);
        Assert.Contains("alt=\"View from Section A\"", page, StringComparison.Ordinal);

        // A new image replaces the old one under a new URL (and ETag); delete removes it.
        var jpeg = await (await s.Owner.PutAsync(ViewPath(s), Body(Image(SKEncodedImageFormat.Jpeg, 64, 48), "image/png"))).ReadAsync<SectionViewResponse>();
        Assert.Equal("image/jpeg", jpeg.ContentType);
        Assert.NotEqual(view.Url, jpeg.Url);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Owner.DeleteAsync(ViewPath(s))).StatusCode);
        await (await anonymous.GetAsync(jpeg.Url)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NotAnImage_TooLarge_NotAnAdmin_OrAnotherTenantsSection_AreRefusedAsProblems()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var pngMagicThenJunk = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(new byte[200]).ToArray();

        Assert.Equal("unsupported_image", (await (await s.Owner.PutAsync(ViewPath(s), Body("<svg onload=alert(1)/>"u8.ToArray(), "image/png")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        Assert.Equal("unsupported_image", (await (await s.Owner.PutAsync(ViewPath(s), Body(pngMagicThenJunk, "image/png")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        Assert.Equal("unsupported_image", (await (await s.Owner.PutAsync(ViewPath(s), Body(Image(SKEncodedImageFormat.Png, 6001, 2), "image/png")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        await (await s.Owner.PutAsync(ViewPath(s), Body(new byte[SectionViewImage.MaxBytes + 1], "image/jpeg"))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        using var boxOffice = fixture.CreateClient(TestCaller.TenantMember(s.Events.Tenant.Id, "box_office"));
        await (await boxOffice.PutAsync(ViewPath(s), Body(Image(SKEncodedImageFormat.Png, 4, 4), "image/png"))).ProblemAsync(HttpStatusCode.Forbidden);

        // Another tenant's admin cannot reach this section, and this tenant's image is not served under the other slug.
        var other = await CheckoutScenario.SeatedAsync(fixture);
        await (await other.Owner.PutAsync(ViewPath(s), Body(Image(SKEncodedImageFormat.Png, 4, 4), "image/png"))).ProblemAsync(HttpStatusCode.NotFound);
        var view = await (await s.Owner.PutAsync(ViewPath(s), Body(Image(SKEncodedImageFormat.Png, 4, 4), "image/png"))).ReadAsync<SectionViewResponse>();
        using var anonymous = fixture.CreateClient();
        await (await anonymous.GetAsync(view.Url.Replace(s.Events.Tenant.Slug, other.Events.Tenant.Slug, StringComparison.Ordinal)))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UploadReplaceAndDelete_AreAudited_WithTheActorAndWhatTheViewWas()
    {
        var s = await CheckoutScenario.SeatedAsync(fixture);
        var first = await (await s.Owner.PutAsync(ViewPath(s), Body(Image(SKEncodedImageFormat.Png, 40, 30), "image/png"))).ReadAsync<SectionViewResponse>();
        var second = await (await s.Owner.PutAsync(ViewPath(s), Body(Image(SKEncodedImageFormat.Jpeg, 64, 48), "image/jpeg"))).ReadAsync<SectionViewResponse>();
        Assert.Equal(HttpStatusCode.NoContent, (await s.Owner.DeleteAsync(ViewPath(s))).StatusCode);
        // A refused delete (nothing left) writes nothing.
        await (await s.Owner.DeleteAsync(ViewPath(s))).ProblemAsync(HttpStatusCode.NotFound);

        var entries = (await (await s.Owner.GetAsync($"/api/v1/audit-log?entityType=venue&entityId={s.Map!.VenueId}"))
                .ReadAsync<CursorPage<AuditEntryResponse>>()).Data
            .Where(e => e.Action.StartsWith("venue.section_view_", StringComparison.Ordinal)).OrderBy(e => e.OccurredAt).ToList();

        Assert.Equal(["venue.section_view_uploaded", "venue.section_view_uploaded", "venue.section_view_removed"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.NotEqual("system", e.Actor));
        var key = $"sections.{s.SectionA.Code}.view";
        string? From(AuditEntryResponse e) => e.Changes!.Value.GetProperty(key).GetProperty("from").GetString();
        string? To(AuditEntryResponse e) => e.Changes!.Value.GetProperty(key).GetProperty("to").GetString();
        var pngText = $"image/png 40x30, {first.Bytes} bytes, sha256 {first.ETag.Trim('"')[..12]}";
        var jpegText = $"image/jpeg 64x48, {second.Bytes} bytes, sha256 {second.ETag.Trim('"')[..12]}";
        Assert.Equal((null, pngText), (From(entries[0]), To(entries[0])));
        Assert.Equal((pngText, jpegText), (From(entries[1]), To(entries[1])));
        Assert.Equal((jpegText, null), (From(entries[2]), To(entries[2])));
    }

    private static string ViewPath(CheckoutScenario s) => $"/api/v1/venues/{s.Map!.VenueId}/sections/{s.SectionA.Id}/view";

    private static ByteArrayContent Body(byte[] bytes, string declared) =>
        new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(declared) } };

    private static byte[] Image(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(0x04, 0x78, 0x57));
        using var data = bitmap.Encode(format, 80);
        return data.ToArray();
    }
}
