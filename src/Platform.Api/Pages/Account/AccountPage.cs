using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Api.Storefront;

namespace Platform.Api.Pages.Account;

/// <summary>
/// The sign-in, account and consent pages in the person's language (zh-CN or en): an explicit switch (?lang=), else
/// the language the console asked for (OpenID Connect's ui_locales, on the authorization request or inside the
/// ReturnUrl that leads back to it), else the remembered switch, else the browser's Accept-Language.
/// </summary>
public abstract class AccountPage : PageModel
{
    public string Language { get; private set; } = "en";

    public Texts T { get; private set; } = new(CultureInfo.GetCultureInfo("en"), Texts.Account);

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Language = Resolve(HttpContext);
        T = new Texts(CultureInfo.GetCultureInfo(Language), Texts.Account);
    }

    /// <summary>A membership role in the page's language (owner → 所有者), or the role's own name if it is new.</summary>
    public string Role(string role) => T["role." + role] is { ResourceNotFound: false } text ? text.Value : role;

    /// <summary>This page in the other language, keeping its query (the ReturnUrl, the authorization request).</summary>
    public string SwitchTo(string language) => StorefrontCulture.SwitchTo(Request, language);

    internal static string Resolve(HttpContext http)
    {
        var query = http.Request.Query;
        if (!query.ContainsKey("lang") && UiLocales(query) is { } asked)
        {
            return asked;
        }

        return StorefrontCulture.Resolve(http, "en");
    }

    /// <summary>The first supported language of ui_locales, on this request or in the ReturnUrl it carries.</summary>
    private static string? UiLocales(IQueryCollection query)
    {
        var locales = query["ui_locales"].ToString();
        if (locales.Length == 0 && query["ReturnUrl"].ToString() is { Length: > 0 and < 4096 } returnUrl
            && returnUrl.IndexOf('?', StringComparison.Ordinal) is var mark and >= 0)
        {
            locales = QueryHelpers.ParseQuery(returnUrl[mark..]).TryGetValue("ui_locales", out var inner) ? inner.ToString() : "";
        }

        return locales.Length is 0 or > 100 ? null
            : locales.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(StorefrontCulture.Match).FirstOrDefault(l => l is not null);
    }
}
