using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.SecurityHeaders;

/// <summary>
/// Security headers on every answer (NetEscapades.AspNetCore.SecurityHeaders): nosniff, no framing, a referrer
/// policy, HSTS outside Development, and a Content-Security-Policy chosen by what the path serves — server-rendered
/// pages (scripts only from this origin or with the request's nonce), JSON (nothing may load), Swagger UI (its own
/// bundle). See docs/security-headers.md for using the nonce from a Razor page.
/// </summary>
public static class SecurityHeadersExtensions
{
    internal const string ApiPolicy = "api";
    internal const string SwaggerPolicy = "swagger";
    internal const string ConsolePolicy = "console";
    internal const string StripePayPolicy = "stripe-pay";

    /// <summary>HSTS max-age: one year, the value browsers' preload lists expect.</summary>
    private const int HstsSeconds = 365 * 24 * 60 * 60;

    public static IHostApplicationBuilder AddPlatformSecurityHeaders(this IHostApplicationBuilder builder)
    {
        // Development runs on plain http://localhost; HSTS there would pin the browser to https for every localhost app.
        var hsts = !builder.Environment.IsDevelopment();
        builder.Services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(p => Common(p, hsts).AddReferrerPolicyStrictOriginWhenCrossOrigin().AddContentSecurityPolicy(PageCsp))
            .AddPolicy(ApiPolicy, p => Common(p, hsts).AddReferrerPolicyNoReferrer().AddContentSecurityPolicy(ApiCsp))
            .AddPolicy(SwaggerPolicy, p => Common(p, hsts).AddReferrerPolicyStrictOriginWhenCrossOrigin().AddContentSecurityPolicy(SwaggerCsp))
            .AddPolicy(ConsolePolicy, p => Common(p, hsts).AddReferrerPolicyNoReferrer().AddContentSecurityPolicy(ConsoleCsp))
            .AddPolicy(StripePayPolicy, p => Common(p, hsts).AddReferrerPolicyStrictOriginWhenCrossOrigin().AddContentSecurityPolicy(StripePayCsp))
            .SetPolicySelector(ctx => PolicyFor(ctx.HttpContext.Request.Path) is { } name && ctx.ConfiguredPolicies.TryGetValue(name, out var policy)
                ? policy
                : ctx.DefaultPolicy);
        return builder;
    }

    /// <summary>First in the pipeline (after the bare benchmark endpoint), so problems and redirects carry the headers too.</summary>
    public static WebApplication UsePlatformSecurityHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders();
        return app;
    }

    /// <summary>The policy a path gets; every path not listed is a page (or a redirect to one) and gets the default.</summary>
    internal static string? PolicyFor(PathString path) =>
        path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase) ? SwaggerPolicy
        : path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase) ? ConsolePolicy
        : IsStripePayPage(path) ? StripePayPolicy
        : path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase) ? ApiPolicy
        : null;

    /// <summary>The storefront's order pay page, /t/{tenant}/orders/{id}/pay (or /orders/{id}/pay on a tenant's own host).</summary>
    private static bool IsStripePayPage(PathString path) =>
        path.Value is { } value && value.EndsWith("/pay", StringComparison.Ordinal) && value.Contains("/orders/", StringComparison.Ordinal)
        && !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static HeaderPolicyCollection Common(HeaderPolicyCollection p, bool hsts)
    {
        p.AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
            .RemoveServerHeader();
        if (hsts)
        {
            // Sent on HTTPS answers only (the package skips plain HTTP, where the header means nothing).
            p.AddStrictTransportSecurityMaxAgeIncludeSubDomains(HstsSeconds);
        }

        return p;
    }

    /// <summary>
    /// Sign-in, consent, account and storefront pages. Scripts: this origin or an element carrying the request's
    /// nonce, never inline otherwise. Styles may be inline: the storefront paints each tenant's branding colours in
    /// style attributes, and CSS cannot run script. Images may come from any https origin (tenant logos). No
    /// form-action: the consent page's POST ends in a redirect to the client's redirect URI, which form-action
    /// would block. frame-ancestors 'none' is the clickjacking defence RFC 6749 §10.13 asks of the consent page.
    /// </summary>
    private static void PageCsp(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self().WithNonce();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data().OverHttps();
        csp.AddConnectSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFrameAncestors().None();
    }

    /// <summary>
    /// The pay page: the page policy plus exactly what Stripe's Payment Element needs (Stripe's CSP guidance): Stripe.js
    /// from js.stripe.com, its card and wallet iframes from js.stripe.com and hooks.stripe.com (3-D Secure), its calls
    /// to api.stripe.com. Only this page: every other storefront page loads nothing from outside.
    /// </summary>
    private static void StripePayCsp(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self().WithNonce().From("https://js.stripe.com").From("https://*.js.stripe.com");
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data().OverHttps();
        csp.AddConnectSrc().Self().From("https://api.stripe.com");
        csp.AddFrameSrc().From("https://js.stripe.com").From("https://*.js.stripe.com").From("https://hooks.stripe.com");
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFrameAncestors().None();
    }

    /// <summary>JSON and problem answers: a browser that renders one anyway may load nothing and frame nothing.</summary>
    private static void ApiCsp(CspBuilder csp)
    {
        csp.AddDefaultSrc().None();
        csp.AddFrameAncestors().None();
    }

    /// <summary>
    /// Swagger UI: relaxed for styles, not for scripts. Swashbuckle 11 serves index.html and oauth2-redirect.html
    /// with external scripts only (index.js, oauth2-redirect.js), so script-src stays 'self'; its components set
    /// inline styles and draw data: images; it calls this origin only (the document, /connect/token, the API).
    /// </summary>
    private static void SwaggerCsp(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddConnectSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFrameAncestors().None();
    }

    /// <summary>
    /// The staff console (Blazor WebAssembly, ADR 0032): scripts from this origin only, plus 'wasm-unsafe-eval', which
    /// lets the browser compile the .NET runtime's WebAssembly and nothing else (no JavaScript eval). Here only, not
    /// on the storefront. MudBlazor sets inline styles and data: images; the console calls this origin only (the API
    /// and /connect/token). No referrer: console URLs carry order ids and the sign-in callback's code.
    /// </summary>
    private static void ConsoleCsp(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self().WasmUnsafeEval();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self().Data();
        csp.AddConnectSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFrameAncestors().None();
    }
}
