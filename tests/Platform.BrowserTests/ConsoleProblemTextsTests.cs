using Microsoft.Playwright;
using Platform.IntegrationTests.Identity;

namespace Platform.BrowserTests;

/// <summary>
/// The older console pages say the API's problems in the person's language (issue #15's last gaps): the shared
/// problem table (ProblemTexts) by code beside the field it names and above the form, here on the sign-up page in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleProblemTextsTests(BrowserFixture browser)
{
    [Fact]
    public async Task ChineseSignUp_BadAndTakenSlug_ProblemsInChinese_NotTheApisEnglish()
    {
        await ConsoleStaff.RegisterConsoleClientAsync(browser);
        var taken = await Shop.CreateAsync(browser.Platform, "Harbour Taken", "zh-CN", "CNY", "Asia/Shanghai");
        var page = await browser.PhoneAsync(locale: "zh-CN");
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/console/signup");
        await page.Field("signup-name").FillAsync("陈美");
        await page.Field("signup-email").FillAsync($"mei-{Guid.NewGuid():N}"[..16] + "@example.test");
        await page.Field("signup-password").FillAsync(IdentityTestKit.Password);
        await page.Field("signup-organisation").FillAsync("港湾之夜");
        await page.Field("signup-slug").FillAsync("Harbour Nights!");
        await page.GetByTestId("signup-submit").ClickAsync();
        // 422 naming tenant.slug: the field's message from the shared table, in Chinese.
        await Assertions.Expect(page.FieldError("signup-slug")).ToHaveTextAsync("地址标识须为 3–40 个小写字母、数字或连字符。");

        await page.Field("signup-slug").FillAsync(taken.Tenant.Slug);
        await page.GetByTestId("signup-submit").ClickAsync();
        // 409 slug_taken (no field): above the form, in Chinese, without the API's English.
        await Assertions.Expect(page.GetByTestId("problem")).ToHaveTextAsync("此地址标识已被其他主办方使用：请换一个。");
        await browser.ManualScreenshotAsync(page, "promoter-zh-1-slug-taken");
    }
}
