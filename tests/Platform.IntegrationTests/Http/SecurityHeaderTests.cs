using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.WebUtilities;
using NetEscapades.AspNetCore.SecurityHeaders;
using Platform.Authorization;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.SecurityHeaders;

namespace Platform.IntegrationTests.Http;

/// <summary>Issue #13 item 5: CSP with nonces, nosniff, no framing, a referrer policy, HSTS outside Development.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SecurityHeaderTests(PlatformFixture fixture)
{
    private static Dictionary<string, string> Csp(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values),
            $"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode} without a Content-Security-Policy.");
        return values.Single().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
    }

    private static void AssertCommon(HttpResponseMessage response)
    {
        var where = $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", where);
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", where);
        Assert.True(response.Headers.Contains("Referrer-Policy"), where);
        Assert.Equal("'none'", Csp(response)["frame-ancestors"]);
    }

    /// <summary>The page policy: scripts from this origin or with this request's nonce, never other inline script.</summary>
    private static string AssertPagePolicy(HttpResponseMessage response)
    {
        AssertCommon(response);
        var csp = Csp(response);
        var scripts = csp["script-src"].Split(' ');
        Assert.Contains("'self'", scripts);
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Equal("'none'", csp["object-src"]);
        return Assert.Single(scripts, s => s.StartsWith("'nonce-", StringComparison.Ordinal));
    }

    /// <summary>Every Razor page the app maps, found from its endpoints, so pages added later are walked too.</summary>
    private List<string> PagePaths(string tenantSlug)
    {
        var sources = fixture.Factory.Services.GetRequiredService<EndpointDataSource>();
        return [.. sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null || e.Metadata.OfType<PageActionDescriptor>().Any())
            .Select(e => "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), m => m.Value.StartsWith("{tenant", StringComparison.Ordinal) ? tenantSlug : "x"))
            .Distinct()];
    }

    [Fact]
    public async Task EveryPage_SendsNonceCspNoSniffAndNoFraming()
    {
        var tenant = await fixture.CreateTenantAsync("csp");
        using var anonymous = fixture.CreateClient();
        var paths = PagePaths(tenant.Slug);
        Assert.Contains("/Account/Login", paths, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("/connect/authorize", paths, StringComparer.OrdinalIgnoreCase);
        Assert.Contains($"/t/{tenant.Slug}", paths);

        var nonces = new List<string>();
        foreach (var path in paths)
        {
            nonces.Add(AssertPagePolicy(await anonymous.GetAsync(path)));
        }

        // A nonce is per response: one that repeats could be learned from one page and used on the next.
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public async Task ConsentPage_RenderedForSignedInUser_CannotBeFramed()
    {
        var user = await fixture.SignUpConfirmedAsync();
        var clientId = await fixture.RegisterAppClientAsync();
        var (_, challenge) = IdentityTestKit.Pkce();
        using var browser = IdentityTestKit.Browser(fixture.Factory);
        var toLogin = await browser.GetAsync(IdentityTestKit.AuthorizeUrl(clientId, challenge));
        var returnUrl = QueryHelpers.ParseQuery(toLogin.Headers.Location!.Query)["ReturnUrl"].ToString();
        var signedIn = await IdentityTestKit.PostLoginAsync(browser, user.Email, user.Password, returnUrl);

        var consent = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Contains("<form method=\"post\"", await consent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertPagePolicy(consent);
    }

    [Theory]
    [InlineData("/api/v1/admin/tenants?limit=1", HttpStatusCode.OK)]
    [InlineData("/api/v1/admin/tenants/00000000-0000-7000-8000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    public async Task ApiAnswers_SendNoSniffAndALockedDownCsp(string path, HttpStatusCode status)
    {
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);

        var response = await admin.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertCommon(response);
        Assert.Equal("'none'", Csp(response)["default-src"]);
    }

    [Fact]
    public async Task ApiAnswers_Unauthenticated401AndValidation422_CarryTheHeadersToo()
    {
        using var anonymous = fixture.CreateClient();
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);

        AssertCommon(await anonymous.GetAsync("/api/v1/admin/tenants"));
        AssertCommon(await admin.PostAsync("/api/v1/admin/tenants", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")));
    }

    [Fact]
    public async Task SwaggerUi_ScriptsOnlyFromItsOwnOrigin_AndItsPagesHaveNoInlineScript()
    {
        using var anonymous = fixture.CreateClient();

        foreach (var path in new[] { "/swagger/index.html", "/swagger/oauth2-redirect.html" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertCommon(response);
            Assert.Equal("'self'", Csp(response)["script-src"]);
            // Under script-src 'self' an inline script would not run and Swagger UI would be blank: every script must load by src.
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.Matches(ExternalScript(), html);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/index.js")).StatusCode);
    }

    [Fact]
    public async Task Hsts_OverHttpsOutsideDevelopment_IsSent_AndNeverOverHttp()
    {
        // Not localhost: the package leaves HSTS off for localhost and 127.0.0.1, as browsers would pin every local app.
        using var https = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tickets.example.test") });
        using var http = fixture.CreateClient();

        var secure = await https.GetAsync("/health/live");
        var plain = await http.GetAsync("/health/live");

        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void NonceTagHelper_WritesTheRequestsNonce()
    {
        var context = new DefaultHttpContext();
        var helper = new CspNonceTagHelper { ViewContext = new ViewContext { HttpContext = context } };
        var output = new TagHelperOutput("script", new TagHelperAttributeList { { "csp-nonce", "" } }, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));

        helper.Process(new TagHelperContext(new TagHelperAttributeList(), new Dictionary<object, object>(), "id"), output);

        Assert.False(output.Attributes.ContainsName("csp-nonce"));
        Assert.Equal(context.GetNonce(), output.Attributes["nonce"].Value);
        Assert.Equal(context.GetNonce(), context.CspNonce());
        Assert.True(context.GetNonce().Length >= 16);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<script[^>]*\bsrc=", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalScript();
}
