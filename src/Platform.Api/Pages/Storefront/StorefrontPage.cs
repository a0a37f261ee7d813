using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Storefront;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Api.Pages.Storefront;

/// <summary>Marker for the storefront's texts: Text.resx (en) and Text.zh-CN.resx beside it.</summary>
public sealed class Text;

/// <summary>
/// What every storefront page shares: the tenant (resolved from /t/{tenant} or its custom host by tenant resolution,
/// which already answered 404 or 403 for an unknown or suspended one), the buyer's language, and how money, dates
/// and service refusals are written in it. Anonymous on purpose: buyers have no account.
/// </summary>
[AllowAnonymous]
public abstract partial class StorefrontPage : PageModel
{
    public Tenant Shop { get; private set; } = null!;

    public string Language { get; private set; } = "en";

    public CultureInfo Culture { get; private set; } = CultureInfo.InvariantCulture;

    public Texts T { get; private set; } = null!;

    /// <summary>The storefront's root path for this tenant, e.g. /t/jade-theatre.</summary>
    public string Root => "/t/" + Shop.Slug;

    /// <summary>Set by a page to show a refusal (sold out, expired hold, declined card...) in the buyer's language.</summary>
    public string? Problem { get; protected set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = HttpContext.RequestServices;
        var tenantId = services.GetRequiredService<TenantContext>().TenantId;
        var db = services.GetRequiredService<PlatformDbContext>();
        var shop = tenantId is { } id ? await db.Set<Tenant>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, HttpContext.RequestAborted) : null;
        if (shop is null)
        {
            context.Result = NotFound();
            return;
        }

        Shop = shop;
        Language = StorefrontCulture.Resolve(HttpContext, shop.Locale);
        Culture = StorefrontCulture.Culture(Language);
        CultureInfo.CurrentCulture = Culture;
        CultureInfo.CurrentUICulture = Culture;
        T = new Texts(Culture, Texts.Storefront);
        await next();
    }

    /// <summary>A 404 page in the buyer's language with the tenant's branding (never a JSON problem to a browser).</summary>
    protected IActionResult NotFoundPage() => new ViewResult
    {
        ViewName = "/Pages/Storefront/_NotFound.cshtml",
        ViewData = new ViewDataDictionary<StorefrontPage>(ViewData, this),
        StatusCode = StatusCodes.Status404NotFound,
    };

    public string Money(long minor, string currency) => StorefrontMoney.Format(minor, currency, Culture);

    /// <summary>A moment in the event's own time zone, written the buyer's way ("Fri 22 Jan 2027, 20:00" / "2027年1月22日 周五 20:00").</summary>
    public string When(DateTimeOffset at, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return Language == "zh-CN"
            ? local.ToString("yyyy年M月d日 dddd HH:mm", Culture)
            : local.ToString("ddd d MMM yyyy, HH:mm", Culture);
    }

    public string Time(DateTimeOffset at, string timeZone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToString("HH:mm", Culture);

    /// <summary>The URL of this page in the other language (the switch in the header).</summary>
    public string SwitchTo(string language) => StorefrontCulture.SwitchTo(Request, language);

    /// <summary>A service's refusal in the buyer's words: known codes have their own text, anything else a general one.</summary>
    protected string Explain(ApiException ex)
    {
        var text = T["error." + ex.Code];
        return text.ResourceNotFound ? T["error.general"] : text.Value;
    }

    /// <summary>Brand colours reach the stylesheet only as #RRGGBB (validated when set; checked again here).</summary>
    public static string SafeColor(string? value, string fallback) =>
        value is not null && ColorPattern().IsMatch(value) ? value : fallback;

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();
}
