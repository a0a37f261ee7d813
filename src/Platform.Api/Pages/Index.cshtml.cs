using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Platform.Api.Storefront;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.Api.Pages;

/// <summary>
/// The platform's front door at "/": what this is, the sample storefronts, Swagger UI, the docs and sign-in — a
/// newcomer's first page, not a 401. On a tenant's custom host, "/" is that tenant's storefront.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(PlatformDbContext db, TenantDirectory directory, TenantContext tenant, IOptions<StorefrontOptions> options) : PageModel
{
    public IReadOnlyList<TenantSnapshot> Samples { get; private set; } = [];

    public string Language { get; private set; } = "en";

    public Texts T { get; private set; } = new(System.Globalization.CultureInfo.GetCultureInfo("en"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.Slug is { } slug)
        {
            return Redirect("/t/" + slug);
        }

        Language = StorefrontCulture.Resolve(HttpContext, "en");
        T = new Texts(StorefrontCulture.Culture(Language), Texts.Storefront);
        var found = new List<TenantSnapshot>();
        foreach (var s in options.Value.SampleTenants)
        {
            if (await directory.FindBySlugAsync(db, s, ct) is { IsSuspended: false } t)
            {
                found.Add(t);
            }
        }

        Samples = found;
        return Page();
    }
}
