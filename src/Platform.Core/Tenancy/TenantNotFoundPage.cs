using System.Net;
using Microsoft.AspNetCore.Http;

namespace Platform.Tenancy;

/// <summary>
/// An unknown tenant's storefront page (/t/{slug}/...) asked for by a browser gets an HTML 404 in its language (zh or
/// en, from Accept-Language) with a way back to the platform's front page; API clients keep the RFC 9457 problem.
/// </summary>
internal static class TenantNotFoundPage
{
    public static bool Wanted(HttpRequest request) =>
        request.Path.StartsWithSegments("/t") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, string slug)
    {
        var zh = context.Request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var (lang, title, text, back) = zh
            ? ("zh-CN", "找不到该店面", "没有名为 “{0}” 的店面，请检查网址。", "返回平台首页")
            : ("en", "Storefront not found", "There is no storefront called “{0}”. Please check the address.", "Go to the platform's front page");
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{lang}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{title}</title><link rel="stylesheet" href="/storefront/storefront.css" /></head>
            <body><main id="main"><section class="message" data-testid="not-found"><h1>{title}</h1>
            <p>{string.Format(System.Globalization.CultureInfo.InvariantCulture, text, WebUtility.HtmlEncode(slug))}</p>
            <p><a class="button" href="/">{back}</a></p></section></main></body></html>
            """, context.RequestAborted);
    }
}
