using Microsoft.AspNetCore.OutputCaching;

namespace Platform.Api.Storefront;

/// <summary>
/// The buyer's storefront (server-rendered Razor Pages under /t/{tenant}): its texts (zh-CN, en from .resx), its static
/// script and stylesheet (wwwroot/storefront), and the one-second output cache of the event and list pages.
/// </summary>
public static class StorefrontExtensions
{
    public static IHostApplicationBuilder AddStorefront(this IHostApplicationBuilder builder)
    {
        // Razor would write every non-ASCII character as an entity (€ → &#x20AC;, each Chinese character too):
        // pages in Chinese would be several times larger. HTML-significant characters are still encoded.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddOptions<StorefrontOptions>().BindConfiguration(StorefrontOptions.Section);
        builder.Services.AddScoped<CheckoutState>();
        builder.Services.AddScoped<StorefrontAvailability>();
        builder.Services.AddScoped<StorefrontStripe>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<RoomDoorFilter>());
        var seconds = builder.Configuration.GetValue<double?>($"{StorefrontOptions.Section}:{nameof(StorefrontOptions.CacheSeconds)}");
        var duration = seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : StorefrontCache.Duration;
        builder.Services.AddOutputCache(o => o.AddPolicy(StorefrontCache.Policy, p => StorefrontCache.Configure(p, duration)));
        builder.Services.AddSingleton<StorefrontCacheBus>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StorefrontCacheBus>());
        return builder;
    }

    /// <summary>Static assets (no tenant, no authentication needed).</summary>
    public static WebApplication UseStorefrontAssets(this WebApplication app)
    {
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication UseStorefrontCache(this WebApplication app)
    {
        app.Use(StorefrontCacheTags.EvictAfterWriteAsync);
        app.UseOutputCache();
        return app;
    }
}

public sealed class StorefrontOptions
{
    public const string Section = "Storefront";

    /// <summary>Tenant slugs the landing page offers as sample storefronts (those that exist are shown).</summary>
    public List<string> SampleTenants { get; set; } = ["northwind-live", "harbour-stadium", "jade-theatre"];

    /// <summary>How long the home and event pages are output-cached (default 1 s); back-office writes evict them anyway.</summary>
    public double? CacheSeconds { get; set; }
}
