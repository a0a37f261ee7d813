using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Platform.Api.Storefront;

/// <summary>
/// The buyer's language: an explicit switch (?lang=, remembered in a cookie), else the browser's Accept-Language,
/// else the tenant's default. Only the languages the storefront has texts for are chosen; anything else falls through.
/// </summary>
public static class StorefrontCulture
{
    public const string Cookie = "sf_lang";

    public static readonly IReadOnlyList<string> Supported = ["en", "zh-CN"];

    public static string Resolve(HttpContext http, string tenantDefault)
    {
        if (Match(http.Request.Query["lang"].ToString()) is { } asked)
        {
            http.Response.Cookies.Append(Cookie, asked, new CookieOptions
            {
                Path = "/", HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365),
                Secure = http.Request.IsHttps,
            });
            return asked;
        }

        if (Match(http.Request.Cookies[Cookie]) is { } remembered)
        {
            return remembered;
        }

        if (StringWithQualityHeaderValue.TryParseList(http.Request.Headers.AcceptLanguage, out var languages))
        {
            foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
            {
                if (Match(language.Value.Value) is { } browser)
                {
                    return browser;
                }
            }
        }

        return Match(tenantDefault) ?? "en";
    }

    /// <summary>zh, zh-CN, zh-Hans → zh-CN; en, en-GB → en; anything else → null.</summary>
    public static string? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 35)
        {
            return null;
        }

        var primary = tag.Split('-', 2)[0].Trim().ToLowerInvariant();
        return primary switch
        {
            "zh" => "zh-CN",
            "en" => "en",
            _ => null,
        };
    }

    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language);

    /// <summary>The URL of this page in <paramref name="language"/>, keeping the rest of its query (the language switch).</summary>
    public static string SwitchTo(HttpRequest request, string language) => request.Path + QueryString.Create(
        request.Query.Where(q => q.Key != "lang").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("lang", language)));
}
