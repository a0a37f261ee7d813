using System.Net.Http.Json;
using Microsoft.Playwright;
using Platform.IntegrationTests.Infrastructure;
using Platform.WaitingRoom;

namespace Platform.BrowserTests;

/// <summary>The waiting room on a phone, in English and Chinese: into the queue, through it, on to ticket selection and a hold.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StorefrontWaitingRoomTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en", "en-GB", "GBP", "Europe/London", "Continue to tickets")]
    [InlineData("zh-CN", "zh-CN", "CNY", "Asia/Shanghai", "继续选票")]
    public async Task Room_QueueShowsPositionAndWait_ThenAdmitsToTicketSelectionAndHold(string language, string locale, string currency, string zone,
        string continueText)
    {
        var shop = await Shop.CreateAsync(browser.Platform, "Harbour Hall", language, currency, zone);
        var ev = await shop.GaEventAsync("Midnight Sun", priceMinor: 4000);
        (await shop.Owner.PutAsJsonAsync($"/api/v1/events/{ev.Id}/waiting-room", new { ratePerMinute = 30 })).EnsureSuccessStatusCode();
        var api = $"/api/v1/public/tenants/{shop.Tenant.Slug}/events/{ev.Id}/waiting-room";
        for (var i = 0; i < 50 && !(await (await shop.Owner.GetAsync($"/api/v1/events/{ev.Id}/waiting-room")).ReadAsync<RoomResponse>()).Opened; i++)
        {
            await Task.Delay(100);
        }

        // Two buyers are already queued ahead (the room admits one every 2 s).
        for (var i = 0; i < 2; i++)
        {
            using var other = browser.Platform.CreateClient();
            (await other.PostAsJsonAsync(api + "/tickets", new { })).EnsureSuccessStatusCode();
        }

        var page = await browser.PhoneAsync(locale);
        await page.GotoAsync($"{shop.Root}/events/{ev.Id}/{ev.Occurrences[0].Id}/tickets");

        // No pass: ticket selection sends the browser to the room, which shows its place and the wait.
        await page.WaitForURLAsync("**/room");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        var positionText = await page.GetByTestId("room-position").InnerTextAsync();
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(positionText, "[0-9]"), positionText + " / " + await page.ContentAsync());
        Assert.NotEmpty((await page.GetByTestId("room-wait").InnerTextAsync()).Trim());
        Assert.Equal(continueText, (await page.GetByTestId("room-continue").InnerTextAsync()).Trim());
        await browser.ScreenshotAsync(page, $"11-waiting-room-{language}");

        // The script polls; once admitted it claims the pass and goes on to the event, whose dates now lead to tickets.
        await page.WaitForURLAsync($"**/events/{ev.Id}", new() { Timeout = 30_000 });
        await page.GotoAsync($"{shop.Root}/events/{ev.Id}/{ev.Occurrences[0].Id}/tickets");
        Assert.DoesNotContain("/room", page.Url, StringComparison.Ordinal);
        await page.Locator("select").First.SelectOptionAsync("1");
        await page.GetByTestId("buyer-email").FillAsync("mia@example.com");
        await page.GetByTestId("continue").ClickAsync();
        await page.WaitForURLAsync("**/checkout/**");

        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM holds WHERE tenant_id = @t AND state = 'active'"));
        Assert.Equal(1L, await shop.CountAsync("SELECT count(*) FROM waiting_room_tickets WHERE tenant_id = @t AND pass_used_at IS NOT NULL"));
    }
}
