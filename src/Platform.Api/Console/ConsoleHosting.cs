using Microsoft.AspNetCore.StaticFiles;

namespace Platform.Api.Console;

/// <summary>
/// Serves the staff console (src/Platform.Console, Blazor WebAssembly, ADR 0032) at /console: its framework files
/// and assets as static files, and index.html for every other path under /console so deep links and reloads work.
/// The console is a client of the public API only; nothing here is an endpoint it calls.
/// </summary>
public static class ConsoleHosting
{
    public const string PathPrefix = "/console";

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        // The console's files come from the referenced project's static web assets: read from the build's manifest
        // outside Development too (tests run as "Testing"); a published app has them under wwwroot/console instead.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    /// <summary>Before the static files: the WebAssembly runtime's own content types (.wasm, .dat, .dll) under /console.</summary>
    public static WebApplication UseConsoleFiles(this WebApplication app)
    {
        // The app's base is /console/: without the slash the browser would resolve its assets against "/".
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value is { } path && path.Equals(PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(PathPrefix + "/" + context.Request.QueryString);
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseBlazorFrameworkFiles(PathPrefix);
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapFallbackToFile(PathPrefix + "/{*path:nonfile}", "console/index.html", new StaticFileOptions
        {
            // index.html names the fingerprint-free boot script: never cache it, so a deploy is picked up at once.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
        }).AllowAnonymous();

        // Browsers ask the origin for /favicon.ico on every page (the storefront, the sign-in pages, Swagger); without
        // this it fell to the authorization fallback and answered 401. The console's icon is the site's icon.
        app.MapGet("/favicon.ico", (IWebHostEnvironment env) =>
                env.WebRootFileProvider.GetFileInfo("console/favicon.ico") is { Exists: true } icon
                    ? Results.File(icon.CreateReadStream(), "image/x-icon")
                    : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
