using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Identity;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.BrowserTests;

/// <summary>Staff for the console tests: real people invited into a tenant with a role, signing in through the real pages.</summary>
internal static class ConsoleStaff
{
    /// <summary>
    /// How long a console navigation may take: a fresh browser context downloads and boots the WebAssembly runtime
    /// (about 200 assemblies in a Debug build) before the console can redirect, which on a loaded 2-core CI machine
    /// has taken over 30 s.
    /// </summary>
    public static readonly PageWaitForURLOptions Boot = new() { Timeout = 90_000 };

    /// <summary>Registers the console's OAuth client for this test server's origin, as `ensure-oauth-clients` does for a deployment.</summary>
    public static async Task RegisterConsoleClientAsync(BrowserFixture browser)
    {
        await using var scope = browser.Platform.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityCommands>()
            .EnsureConsoleClientAsync([browser.BaseUrl + "/console/signin-callback"], default);
    }

    /// <summary>Invites a person with <paramref name="role"/> and accepts the invitation with a password (the mail's link).</summary>
    public static async Task<string> InviteAsync(PlatformFixture fixture, Guid tenantId, string slug, string role)
    {
        var email = $"{role.Replace('_', '-')}-{Guid.NewGuid():N}"[..24] + "@example.test";
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenantId, "owner"));
        (await owner.PostAsJsonAsync("/api/v1/invitations", new { email, role })).EnsureSuccessStatusCode();
        var link = new Uri(await fixture.FindMailLinkAsync(email, "/account/accept-invitation"));
        var token = QueryHelpers.ParseQuery(link.Query)["token"].ToString();
        using var anonymous = fixture.CreateClient();
        (await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{slug}/invitations/accept",
            new { token, password = IdentityTestKit.Password, displayName = $"Sam {role}" })).EnsureSuccessStatusCode();
        return email;
    }

    /// <summary>Opens a console page; signs in on the platform's login page and allows the console on the consent page; lands back on that page.</summary>
    public static async Task SignInAsync(BrowserFixture browser, IPage page, string path, string email, string? loginScreenshot = null)
    {
        await page.GotoAsync(path);
        // A fresh browser context downloads and boots the WebAssembly runtime before the console can redirect.
        await page.WaitForURLAsync("**/account/login**", Boot);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(IdentityTestKit.Password);
        if (loginScreenshot is not null)
        {
            await browser.ManualScreenshotAsync(page, loginScreenshot);
        }

        await page.Locator("#sign-in").ClickAsync();
        await AllowAsync(page);
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path, Boot);
    }

    /// <summary>The consent page: the console asks for the person's tenant; one membership is preselected.</summary>
    public static async Task AllowAsync(IPage page)
    {
        await page.WaitForURLAsync("**/connect/authorize**");
        await page.Locator("#allow").ClickAsync();
    }

    /// <summary>The input inside a MudBlazor field carrying <paramref name="testId"/> (the attribute lands on the input or its wrapper).</summary>
    public static ILocator Field(this IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    /// <summary>The error text MudBlazor shows under the field carrying <paramref name="testId"/> (the API's message for it).</summary>
    public static ILocator FieldError(this IPage page, string testId) =>
        page.Locator(".mud-input-control", new() { Has = page.Field(testId) }).Locator(".mud-input-helper-text.mud-input-error").First;
}
