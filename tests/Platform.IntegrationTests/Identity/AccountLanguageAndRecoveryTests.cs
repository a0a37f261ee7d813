using System.Net;
using System.Text.RegularExpressions;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// The sign-in pages in the person's language (the browser's, or the console's through OpenID Connect's ui_locales),
/// and two-factor set-up that is not a trap: a QR code to scan and recovery codes that each sign in once.
/// </summary>
public sealed partial class AccountTests
{
    [Fact]
    public async Task TwoFactor_RecoveryCode_SignsInOnce_WhenThePhoneIsLost()
    {
        var user = await fixture.SignUpConfirmedAsync();
        string[] codes;
        using (var browser = Browser(fixture.Factory))
        {
            await PostLoginAsync(browser, user.Email, user.Password);
            var setup = await (await browser.GetAsync("/account/two-factor")).Content.ReadAsStringAsync();
            Assert.Matches("<div class=\"qr\"[^>]*id=\"authenticator-qr\"><svg", setup);
            var key = SharedKeyPattern().Match(setup).Groups[1].Value;
            var enabled = await PostFormAsync(browser, "/account/two-factor?handler=Enable", new() { ["Code"] = Totp(key) }, "/account/two-factor");
            codes = [.. RecoveryCodePattern().Matches(RecoveryList().Match(enabled).Value).Select(m => m.Groups[1].Value)];
            Assert.Equal(10, codes.Length);
            // Shown once: the next visit lists none.
            Assert.DoesNotContain("recovery-codes", await (await browser.GetAsync("/account/two-factor")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(user, codes[3])).Status);
        var again = await SecondStepAsync(user, codes[3]);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("not correct", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_SpeaksChinese_ToAChineseBrowser_AndToTheConsolesUiLocales()
    {
        using var chinese = Browser(fixture.Factory);
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var page = await (await chinese.GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains(">登录</button>", page, StringComparison.Ordinal);

        var refused = await PostLoginAsync(chinese, "nobody@example.test", "wrong password 1");
        Assert.Contains("电子邮箱或密码不正确", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The console asks for the sign-in in its own language: the authorization request's ui_locales travels in the ReturnUrl.
        using var english = Browser(fixture.Factory);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var returnUrl = Uri.EscapeDataString("/connect/authorize?client_id=console&ui_locales=zh-CN");
        var asked = await (await english.GetAsync("/account/login?ReturnUrl=" + returnUrl)).Content.ReadAsStringAsync();
        Assert.Contains(">登录</button>", asked, StringComparison.Ordinal);

        // An explicit switch wins over both.
        var switched = await (await chinese.GetAsync("/account/login?lang=en&ReturnUrl=" + returnUrl)).Content.ReadAsStringAsync();
        Assert.Contains(">Sign in</button>", switched, StringComparison.Ordinal);
    }

    /// <summary>A fresh browser signs in with the password, then answers the second step with <paramref name="code"/>.</summary>
    private async Task<(HttpStatusCode Status, string Html)> SecondStepAsync(SignedUp user, string code)
    {
        using var browser = Browser(fixture.Factory);
        var first = await PostLoginAsync(browser, user.Email, user.Password);
        Assert.StartsWith("/account/login-2fa", first.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        var fields = HiddenFields(await (await browser.GetAsync("/account/login-2fa")).Content.ReadAsStringAsync());
        fields["Code"] = code;
        using var answer = await browser.PostAsync("/account/login-2fa", new FormUrlEncodedContent(fields));
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<ul class=\"codes\" id=\"recovery-codes\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex RecoveryList();

    [GeneratedRegex("<li>([A-Za-z0-9-]+)</li>")]
    private static partial Regex RecoveryCodePattern();
}
