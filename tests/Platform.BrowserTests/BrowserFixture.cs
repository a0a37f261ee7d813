using Microsoft.Playwright;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.BrowserTests;

/// <summary>
/// The platform on a loopback port (over the integration tests' throwaway PostgreSQL cluster) and one headless
/// Debian Chromium driven by Playwright. No browser is ever downloaded: /usr/bin/chromium is installed by
/// scripts/test.sh (apt-get install chromium).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public PlatformFixture Platform { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>docs/storefront/, where the tests leave the screenshots docs/storefront.md shows.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "docs", "storefront");

    /// <summary>docs/manuals/, where the console tests leave the screenshots the operator manuals show.</summary>
    public string ManualsDirectory { get; } = Path.Combine(RepositoryRoot(), "docs", "manuals");

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        _ = Platform.LoopbackNode;
        BaseUrl = Platform.LoopbackUrl!.ToString().TrimEnd('/');
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // Assertions wait for what a person would see, not for a deadline: a slow CI machine re-renders later,
        // a wrong page never shows the text at all, so a generous wait costs only the failing case.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        Directory.CreateDirectory(ManualsDirectory);
    }

    /// <summary>A desktop-sized page (1280 × 800), as staff use the console.</summary>
    public async Task<IPage> DesktopAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public Task ManualScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ManualsDirectory, name + ".png"), FullPage = true });

    /// <summary>A phone-sized page (390 × 844 unless told otherwise, e.g. 1366 × 900 for a laptop) in the given browser language.</summary>
    public async Task<IPage> PhoneAsync(string locale = "en-GB", bool javaScript = true, int width = 390, int height = 844)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            JavaScriptEnabled = javaScript,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        await Platform.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
