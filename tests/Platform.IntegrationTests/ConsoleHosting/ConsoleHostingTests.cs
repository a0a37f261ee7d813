using System.Net;
using System.Text.RegularExpressions;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.ConsoleHosting;

/// <summary>Issue #15: the Blazor WebAssembly console is served by the API host at /console with its own CSP.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class ConsoleHostingTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("/console/")]
    [InlineData("/console/orders")]
    [InlineData("/console/orders/0193b0a4-0000-7000-8000-000000000000")]
    public async Task ConsolePaths_AnswerTheAppShell_WithWasmAllowedAndNoInlineScript(string path)
    {
        using var client = fixture.Factory.CreateClient();
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<base href=\"/console/\" />", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.webassembly.js", html, StringComparison.Ordinal);
        // Every script loads by src: the console's CSP runs no inline script.
        Assert.DoesNotMatch(InlineScript(), html);
        var scripts = ScriptSrc(response);
        Assert.Contains("'self'", scripts);
        Assert.Contains("'wasm-unsafe-eval'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.DoesNotContain("'unsafe-inline'", scripts);
    }

    [Fact]
    public async Task ConsoleWithoutSlash_RedirectsToTheAppBase()
    {
        using var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ConsoleFrameworkFiles_AreServed_AndWasmEvalStaysOffTheOtherPages()
    {
        using var client = fixture.Factory.CreateClient();
        using var boot = await client.GetAsync("/console/_framework/blazor.webassembly.js");
        using var runtime = await client.GetAsync("/console/_framework/dotnet.native.wasm");
        using var app = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.js");
        using var login = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, boot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        // The runtime is fingerprinted in .NET 10 (dotnet.native.<hash>.wasm); the unfingerprinted name must not 500.
        Assert.True(runtime.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"runtime answered {(int)runtime.StatusCode}");
        Assert.DoesNotContain("'wasm-unsafe-eval'", ScriptSrc(login));
    }

    [Theory]
    [InlineData("/favicon.ico")]
    [InlineData("/console/favicon.ico")]
    public async Task Favicon_IsServedToAnyone_AsAnIcon(string path)
    {
        using var client = fixture.Factory.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
    }

    private static string[] ScriptSrc(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries)
            .Single(d => d.StartsWith("script-src ", StringComparison.Ordinal)).Split(' ')[1..];

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
