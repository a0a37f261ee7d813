using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Platform.Http;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Orders;
using Platform.Tenancy.Administration;
using Platform.Tenancy.PublicProfile;

namespace Platform.BrowserTests;

/// <summary>
/// A promoter's first hour (issue #15, onboarding): the console's sign-up page, the e-mail confirmation, sign-in,
/// the guided start (branding, sandbox payments, venue, event with a priced ticket type, open sales) and a first sale
/// in the storefront it links to. The screenshots are docs/manuals/promoter.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleOnboardingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Promoter_SignsUp_Confirms_GoesThroughTheGuidedStart_AndSellsAFirstTicket()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var email = $"mei-{Guid.NewGuid():N}"[..16] + "@example.test";
        var slug = $"harbour-{Guid.NewGuid():N}"[..20];
        var page = await browser.DesktopAsync();

        await page.GotoAsync("/console/signup");
        await page.Field("signup-name").FillAsync("Mei Chen");
        await page.Field("signup-email").FillAsync(email);
        await page.Field("signup-password").FillAsync(IdentityTestKit.Password);
        await page.Field("signup-organisation").FillAsync("Harbour Nights");
        // The slug suggested from the name; a bad one is refused with the API's message beside the field.
        Assert.Equal("harbour-nights", await page.Field("signup-slug").InputValueAsync());
        await page.Field("signup-slug").FillAsync("Harbour Nights!");
        await page.GetByTestId("signup-submit").ClickAsync();
        await Assertions.Expect(page.FieldError("signup-slug")).ToContainTextAsync("slug");
        await browser.ManualScreenshotAsync(page, "promoter-1-sign-up-problem");
        await page.Field("signup-slug").FillAsync(slug);
        await page.GetByTestId("signup-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signup-done")).ToContainTextAsync(email);

        // The confirmation mail's link, then the page's way on: sign-in, consent, the guided start.
        var link = new Uri(WebUtility.HtmlDecode(await fixture.FindMailLinkAsync(email, "/account/confirm-email")));
        await page.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmed");
        await page.Locator("#continue").ClickAsync();
        await page.WaitForURLAsync("**/account/login**", ConsoleStaff.Boot);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(IdentityTestKit.Password);
        await page.Locator("#sign-in").ClickAsync();
        await ConsoleStaff.AllowAsync(page);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/console/onboarding", ConsoleStaff.Boot);
        await Assertions.Expect(page.GetByTestId("two-factor-link")).ToHaveAttributeAsync("href", "/account/two-factor");

        await page.Field("branding-logo").FillAsync("https://img.example/harbour.png");
        await page.Field("branding-primary").FillAsync("#0A3D62");
        await page.Field("branding-accent").FillAsync("orange");
        await page.GetByTestId("branding-save").ClickAsync();
        await Assertions.Expect(page.FieldError("branding-accent")).ToContainTextAsync("accentColor");
        await page.Field("branding-accent").FillAsync("#E58E26");
        await page.GetByTestId("branding-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("sandbox-on")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "promoter-2-payments");
        await page.GetByTestId("payments-continue").ClickAsync();

        await page.Field("venue-name").FillAsync("Harbour Hall");
        await page.Field("venue-address").FillAsync("1 Quay Street");
        await page.GetByTestId("venue-create").ClickAsync();

        await page.Field("event-title-input").FillAsync("Harbour Nights: Opening");
        await page.Field("event-capacity").FillAsync("50");
        await page.Field("ticket-price").FillAsync("18.50");
        await browser.ManualScreenshotAsync(page, "promoter-3-first-event");
        await page.GetByTestId("event-create").ClickAsync();
        await page.GetByTestId("open-sales").ClickAsync();
        await Assertions.Expect(page.GetByTestId("onboarding-done")).ToBeVisibleAsync();
        await browser.ManualScreenshotAsync(page, "promoter-4-on-sale");
        var storefront = await page.GetByTestId("view-storefront").GetAttributeAsync("href");
        Assert.Equal($"{browser.BaseUrl}/t/{slug}", storefront);

        // The first sale, as a buyer in the storefront the console links to.
        var buyer = await browser.DesktopAsync();
        await buyer.GotoAsync(storefront!);
        await buyer.GetByTestId("listings").Locator("a").First.ClickAsync();
        await buyer.GetByTestId("occurrences").GetByRole(AriaRole.Link).First.ClickAsync();
        await buyer.Locator("select").First.SelectOptionAsync("2");
        await buyer.GetByTestId("buyer-email").FillAsync("first.buyer@example.com");
        await buyer.GetByTestId("continue").ClickAsync();
        await buyer.WaitForURLAsync("**/checkout/**");
        await buyer.GetByLabel("Full name").FillAsync("First Buyer");
        await buyer.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await buyer.GetByLabel("I accept the terms of sale.").CheckAsync();
        await buyer.GetByTestId("pay").ClickAsync();
        await buyer.WaitForURLAsync("**/orders/**");
        await Assertions.Expect(buyer.GetByTestId("confirmed")).ToBeVisibleAsync();

        // What the API holds: the branding, and one paid order of two tickets at the price set in the console.
        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        var tenant = Assert.Single((await (await admin.GetAsync($"/api/v1/admin/tenants?q={slug}")).ReadAsync<CursorPage<TenantResponse>>()).Data);
        Assert.Equal(("https://img.example/harbour.png", "#0A3D62", "#E58E26"), (tenant.Branding.LogoUrl, tenant.Branding.PrimaryColor, tenant.Branding.AccentColor));
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, "owner"));
        var order = Assert.Single((await (await owner.GetAsync("/api/v1/orders?q=first.buyer%40example.com")).ReadAsync<CursorPage<OrderSummaryResponse>>()).Data);
        Assert.Equal(OrderState.Paid, order.State);
        var full = await (await owner.GetAsync($"/api/v1/orders/{order.Id}")).ReadAsync<OrderResponse>();
        Assert.Equal((2, 1850L), (full.Lines[0].Quantity, full.Lines[0].UnitPrice));
    }
}
