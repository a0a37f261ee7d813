using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Platform.Api.Pages.Storefront;

/// <summary>
/// The tenant's colours as a stylesheet of two custom properties, so pages carry no inline style and a strict CSP
/// (style-src 'self') needs no exception. Browsers may keep it for a minute.
/// </summary>
[AllowAnonymous]
public sealed class ThemeModel : StorefrontPage
{
    public string Primary => SafeColor(Shop.Branding.PrimaryColor, "#1F2937");

    public string Accent => SafeColor(Shop.Branding.AccentColor, "#2563EB");

    public void OnGet()
    {
        Response.ContentType = "text/css; charset=utf-8";
        Response.Headers.CacheControl = "public, max-age=60";
    }
}
