using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Identity;
using Platform.Identity.Memberships;
using Platform.IntegrationTests.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Webhooks;

namespace Platform.BrowserTests;

/// <summary>
/// Members and access in the console (issue #15 items 6 and 7): an admin invites, manages API clients and webhooks; a
/// platform admin finds and disables a user and suspends a tenant; other roles meet neither menu entries nor pages.
/// The screenshots are docs/manuals/admin.md's and platform-admin.md's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleAccessTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_InvitesAMember_KeepsTheLastOwner_AndCreatesAnApiClientWhoseSecretShowsOnce()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var tenant = await fixture.SignUpConfirmedAsync();
        var admin = await ConsoleStaff.InviteAsync(fixture, tenant.TenantId, tenant.Slug, "admin");
        var page = await browser.DesktopAsync();

        await ConsoleStaff.SignInAsync(browser, page, "/console/members", admin);
        var invitee = $"seller-{Guid.NewGuid():N}"[..20] + "@example.test";
        await page.Field("invite-email").FillAsync(invitee);
        await page.GetByTestId("invite-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("invitations")).ToContainTextAsync(invitee);
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.TenantId, "owner"));
        var invitations = await (await owner.GetAsync("/api/v1/invitations")).ReadAsync<List<InvitationResponse>>();
        Assert.Contains(invitations, i => i.Email == invitee && i.Role == "box_office");

        // The only Owner cannot be demoted: the API's 409 last_owner shows in words, and the Owner stays Owner.
        await page.GetByTestId("role-" + tenant.Email).Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex(@"^\s*Analyst\s*$") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("last Owner");
        await Assertions.Expect(page.GetByTestId("role-matrix")).ToContainTextAsync("Sell, hold and refund");
        await browser.ManualScreenshotAsync(page, "admin-1-members");
        var members = await (await owner.GetAsync("/api/v1/members")).ReadAsync<List<MemberResponse>>();
        Assert.Equal("owner", members.Single(m => m.Email == tenant.Email).Role);

        await page.GetByTestId("nav-api-clients").ClickAsync();
        await page.Field("client-name").FillAsync("Ticket reseller sync");
        await page.GetByTestId("client-create").ClickAsync();
        // No scope chosen: the API's field error shows beside the scopes, in the person's language.
        await Assertions.Expect(page.GetByTestId("scopes-error")).ToHaveTextAsync("Choose at least one scope.");
        await page.GetByTestId("scope-events:read").ClickAsync();
        await page.GetByTestId("scope-orders:read").ClickAsync();
        await page.GetByTestId("client-create").ClickAsync();
        var secret = (await page.GetByTestId("secret-value").InnerTextAsync()).Trim();
        var clientId = (await page.GetByTestId("clients").Locator("code").First.InnerTextAsync()).Trim();
        await browser.ManualScreenshotAsync(page, "admin-2-api-client-secret");
        Assert.NotNull((await IdentityTestKit.ClientCredentialsAsync(fixture.Factory, clientId, secret)).AccessToken);

        // After a reload the secret is gone: the console never kept it, the API holds only its hash.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("clients")).ToContainTextAsync("Ticket reseller sync", new() { Timeout = 30_000 });
        Assert.Equal(0, await page.GetByTestId("secret-once").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync());

        await page.GetByTestId("rotate-Ticket reseller sync").ClickAsync();
        var rotated = (await page.GetByTestId("secret-value").InnerTextAsync()).Trim();
        Assert.NotEqual(secret, rotated);
        Assert.Equal("invalid_client", (await IdentityTestKit.ClientCredentialsAsync(fixture.Factory, clientId, secret)).Error);
        Assert.NotNull((await IdentityTestKit.ClientCredentialsAsync(fixture.Factory, clientId, rotated)).AccessToken);

        await page.GetByTestId("secret-dismiss").ClickAsync();
        await page.GetByTestId("revoke-Ticket reseller sync").ClickAsync();
        await page.GetByTestId("revoke-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-revoked")).ToBeVisibleAsync();
        Assert.NotNull((await IdentityTestKit.ClientCredentialsAsync(fixture.Factory, clientId, rotated)).Error);
        await browser.ManualScreenshotAsync(page, "admin-3-api-client-revoked");
    }

    [Fact]
    public async Task Admin_AddsAWebhookEndpoint_SendsATestEvent_AndSeesItDelivered()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var tenant = await fixture.SignUpConfirmedAsync();
        var admin = await ConsoleStaff.InviteAsync(fixture, tenant.TenantId, tenant.Slug, "admin");
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await browser.DesktopAsync();

        await ConsoleStaff.SignInAsync(browser, page, "/console/webhooks", admin);
        await Assertions.Expect(page.GetByTestId("no-endpoints")).ToBeVisibleAsync();
        await page.Field("endpoint-url").FillAsync("ftp://nowhere");
        await page.GetByTestId("endpoint-create").ClickAsync();
        await Assertions.Expect(page.FieldError("endpoint-url")).ToHaveTextAsync("Enter an https URL of a receiver on the public internet.");

        await page.Field("endpoint-url").FillAsync(receiver.Url);
        await page.GetByTestId("endpoint-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("secret-value")).ToContainTextAsync("whsec_");
        await page.GetByTestId("endpoint-test").ClickAsync();
        var received = await receiver.WaitForAsync(1);
        Assert.Contains("webhook.test", received[0].Body);

        // The log shows the delivery once the attempt is recorded (reopen it until then).
        var status = page.GetByTestId("delivery-status").First;
        for (var i = 0; i < 20 && (await status.CountAsync() == 0 || (await status.InnerTextAsync()).Trim() != "Delivered"); i++)
        {
            await page.GetByTestId("endpoint-log").ClickAsync();
            await page.GetByTestId("endpoint-log").ClickAsync();
            await Task.Delay(500);
        }

        await Assertions.Expect(status).ToHaveTextAsync("Delivered");
        await browser.ManualScreenshotAsync(page, "admin-4-webhooks");
        await page.GetByTestId("redeliver").First.ClickAsync();
        Assert.Equal(2, (await receiver.WaitForAsync(2)).Count);
    }

    [Fact]
    public async Task PlatformAdmin_DisablesAUser_WhoseSignInIsThenRefused_AndSuspendsATenantWithAReason()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var promoter = await fixture.SignUpConfirmedAsync();
        var operatorEmail = await fixture.CreatePlatformAdminAsync();

        var page = await browser.DesktopAsync();
        await ConsoleStaff.SignInAsync(browser, page, "/console/platform/users", operatorEmail);
        await page.Field("user-search").FillAsync(promoter.Email);
        await page.GetByTestId("user-search-go").ClickAsync();
        var users = page.GetByTestId("users");
        await Assertions.Expect(users.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(users).ToContainTextAsync(promoter.Slug);
        await page.GetByTestId("user-disable").ClickAsync();
        await page.GetByTestId("user-disable-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-status")).ToHaveTextAsync("Disabled");
        await browser.ManualScreenshotAsync(page, "platform-admin-1-users");

        // The disabled person's sign-in is refused on the login page.
        var theirs = await browser.DesktopAsync();
        await theirs.GotoAsync("/console/");
        await theirs.WaitForURLAsync("**/account/login**", ConsoleStaff.Boot);
        await theirs.Locator("#email").FillAsync(promoter.Email);
        await theirs.Locator("#password").FillAsync(IdentityTestKit.Password);
        await theirs.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(theirs.Locator("p.error")).ToBeVisibleAsync();
        Assert.Contains("/account/login", theirs.Url);

        await page.GetByTestId("nav-tenants").ClickAsync();
        var row = page.Locator("tr", new() { HasText = promoter.Slug });
        await page.Locator(".mud-main-content input").First.FillAsync(promoter.Slug);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await row.Locator("input").FillAsync("Unpaid invoices since October");
        await row.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Unpaid invoices since October");
        await browser.ManualScreenshotAsync(page, "platform-admin-2-tenant-suspended");

        // The suspended tenant's public API and storefront refuse.
        using var anonymous = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"/api/v1/public/tenants/{promoter.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"/t/{promoter.Slug}")).StatusCode);
    }

    [Theory]
    [InlineData("box_office")]
    [InlineData("scanner")]
    public async Task StaffWithoutAccessRights_SeeNoAccessPages_AndTheNotAllowedStateOnTheirUrls(string role)
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var tenant = await fixture.SignUpConfirmedAsync();
        var person = await ConsoleStaff.InviteAsync(fixture, tenant.TenantId, tenant.Slug, role);
        var page = await browser.DesktopAsync();

        await ConsoleStaff.SignInAsync(browser, page, "/console/members", person);
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        foreach (var nav in new[] { "nav-members", "nav-api-clients", "nav-webhooks", "nav-audit-log", "nav-users", "nav-tenants" })
        {
            Assert.Equal(0, await page.GetByTestId(nav).CountAsync());
        }

        foreach (var path in new[] { "api-clients", "webhooks", "audit-log", "platform/users" })
        {
            await page.GetByTestId("nav-" + (role == "scanner" ? "events" : "orders")).ClickAsync();
            await page.EvaluateAsync($"() => {{ history.pushState(null, '', '/console/{path}'); dispatchEvent(new PopStateEvent('popstate')); }}");
            await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        }

        // The API refuses the role anyway (the console only hides what it may not use).
        using var api = fixture.CreateClient(TestCaller.TenantMember(tenant.TenantId, role));
        foreach (var path in new[] { "/api/v1/members", "/api/v1/api-clients", "/api/v1/webhooks/endpoints", "/api/v1/audit-log", "/api/v1/admin/users" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task ChineseAdmin_SeesMembersAndApiClientsInChinese_OnDesktopAndPhone()
    {
        var fixture = browser.Platform;
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var tenant = await fixture.SignUpConfirmedAsync();
        var admin = await ConsoleStaff.InviteAsync(fixture, tenant.TenantId, tenant.Slug, "admin");
        var page = await browser.DesktopAsync(locale: "zh-CN");

        await ConsoleStaff.SignInAsync(browser, page, "/console/members", admin);
        await Assertions.Expect(page.GetByTestId("nav-members")).ToHaveTextAsync("成员");
        await page.GetByTestId("invite-send").ClickAsync();
        await Assertions.Expect(page.FieldError("invite-email")).ToHaveTextAsync("请输入有效的电子邮件地址。");
        await Assertions.Expect(page.GetByTestId("role-matrix")).ToContainTextAsync("售票、预留和退款");
        await AssertNoEnglishAsync(page);
        await browser.ManualScreenshotAsync(page, "admin-zh-1-members");

        await page.GetByTestId("nav-api-clients").ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-clients")).ToBeVisibleAsync();
        await AssertNoEnglishAsync(page);
        await browser.ManualScreenshotAsync(page, "admin-zh-2-api-clients");

        foreach (var (path, shot) in new[] { ("members", "admin-zh-3-members-phone"), ("webhooks", "admin-zh-4-webhooks-phone") })
        {
            var phone = await browser.PhoneAsync(locale: "zh-CN");
            await ConsoleStaff.SignInAsync(browser, phone, "/console/" + path, admin);
            await Assertions.Expect(phone.Locator("h4")).ToBeVisibleAsync();
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways at 390 px");
            await browser.ManualScreenshotAsync(phone, shot);
        }
    }

    /// <summary>English words of the access pages; none may show in the Chinese console (role names and scopes are codes, not words; people's names are data: "Olive Owner").</summary>
    private static async Task AssertNoEnglishAsync(IPage page)
    {
        var text = await page.Locator(".mud-main-content").InnerTextAsync();
        foreach (var word in new[] { "Members", "Invite", "Role", "Remove", "Pending", "Create", "Scopes", "Name", "Revoke", "Permission", "Status" })
        {
            Assert.DoesNotMatch(new Regex($@"\b{word}\b"), text);
        }
    }
}
