using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

/// <summary>Issue 13 item 3: the "Sign out" button must work, and sign-out must end the session for good.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SignOutTests(PlatformFixture fixture)
{
    private const string SessionCookie = "platform.session";

    [Fact]
    public async Task SignOut_ThroughTheRealForm_NextAuthorizeAsksForPasswordAndOldCookieIsDead()
    {
        var user = await fixture.SignUpConfirmedAsync();
        var clientId = await fixture.RegisterAppClientAsync();
        var cookies = new CookieContainer();
        using var browser = fixture.Factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        var (_, challenge) = Pkce();
        await GetCodeAsync(browser, clientId, user.Email, user.Password, challenge, user.TenantId);

        // The button as a signed-in person sees it: the form on the two-factor page, posted with its own fields.
        var page = await browser.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // The session cookie as it stands right before sign-out (the two-factor page may re-issue it), proven live.
        var session = cookies.GetCookies(browser.BaseAddress!)[SessionCookie]?.Value;
        Assert.False(string.IsNullOrEmpty(session));
        var authorize = AuthorizeUrl(clientId, Pkce().Challenge);
        using (var before = ReplayClient(session!))
        {
            var live = await before.GetAsync(authorize);
            Assert.False(live.StatusCode == HttpStatusCode.Redirect
                && live.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase),
                "the captured session cookie should still sign in before sign-out");
        }
        var form = SignOutForm().Match(await page.Content.ReadAsStringAsync());
        Assert.True(form.Success, "no sign-out form on the page");
        var signOut = await browser.PostAsync(WebUtility.HtmlDecode(form.Groups["action"].Value), new FormUrlEncodedContent(HiddenFields(form.Value)));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var landing = await browser.GetAsync(signOut.Headers.Location!.OriginalString);
        Assert.Contains("You are signed out.", await landing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same browser is asked for the password again.
        var again = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/account/login", again.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);

        // A copy of the old cookie (another tab, a stolen one) no longer signs in either.
        using var replay = ReplayClient(session!);
        var replayed = await replay.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient ReplayClient(string session)
    {
        var client = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie}={session}");
        return client;
    }

    [Fact]
    public async Task LogoutPage_Get_DoesNotSignOut()
    {
        var user = await fixture.SignUpConfirmedAsync();
        using var browser = Browser(fixture.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(browser, user.Email, user.Password)).StatusCode);

        // A plain link or image pointing here (cross-site) must not end the session: it only offers the button.
        var page = await (await browser.GetAsync("/account/logout")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("You are signed out.", page, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/two-factor")).StatusCode);
    }

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]*)\"[^>]*>(?:(?!</form>).)*Sign out</button>\\s*(?:<input[^>]*>\\s*)*</form>", RegexOptions.Singleline)]
    private static partial Regex SignOutForm();
}
