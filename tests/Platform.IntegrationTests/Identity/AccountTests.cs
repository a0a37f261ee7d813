using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Users;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

[Collection(PlatformCollection.Name)]
public sealed partial class AccountTests(PlatformFixture fixture)
{
    private static object SignUpBody(string email, string password, string slug) => new
    {
        email,
        password,
        displayName = "Pat Promoter",
        tenant = new { slug, displayName = "Pat's Shows", locale = "en", timeZone = "Europe/Berlin", defaultCurrency = "EUR" },
    };

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData("qwertyqwerty")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("short-pw")]
    public async Task SignUp_CommonOrShortPassword_Unprocessable(string password)
    {
        using var anonymous = fixture.CreateClient();
        var id = Unique();

        var problem = await (await anonymous.PostAsJsonAsync("/api/v1/signup", SignUpBody($"u{id}@example.test", password, $"s-{id}")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("password", problem.ErrorFields());
        // Nothing was created: the slug is still free.
        var ok = await anonymous.PostAsJsonAsync("/api/v1/signup", SignUpBody($"u{id}@example.test", Password, $"s-{id}"));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task SignUp_TakenSlugOrEmail_Conflict()
    {
        var existing = await fixture.SignUpConfirmedAsync();
        using var anonymous = fixture.CreateClient();

        var slug = await (await anonymous.PostAsJsonAsync("/api/v1/signup", SignUpBody($"{Unique()}@example.test", Password, existing.Slug)))
            .ProblemAsync(HttpStatusCode.Conflict);
        var email = await (await anonymous.PostAsJsonAsync("/api/v1/signup", SignUpBody(existing.Email, Password, $"s-{Unique()}")))
            .ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("slug_taken", slug.Code());
        Assert.Equal("email_taken", email.Code());
        Assert.DoesNotContain(existing.TenantId.ToString(), email.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_MissingFieldsAndReservedSlug_UnprocessableNamingFields()
    {
        using var anonymous = fixture.CreateClient();
        var problem = await (await anonymous.PostAsJsonAsync("/api/v1/signup", new { email = "not-an-email", tenant = new { slug = "admin" } }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("email", problem.ErrorFields());
        Assert.Contains("password", problem.ErrorFields());
        Assert.Contains("tenant.slug", problem.ErrorFields());
    }

    [Fact]
    public async Task Login_UnconfirmedEmail_RefusedUntilConfirmed()
    {
        using var anonymous = fixture.CreateClient();
        var id = Unique();
        var email = $"u{id}@example.test";
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/signup", SignUpBody(email, Password, $"s-{id}"))).StatusCode);
        using var browser = Browser(fixture.Factory);

        Assert.Equal(HttpStatusCode.OK, (await PostLoginAsync(browser, email, Password)).StatusCode);
        await fixture.ConfirmEmailAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(browser, email, Password)).StatusCode);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksOutEvenTheRightPassword()
    {
        var user = await fixture.SignUpConfirmedAsync();
        using var browser = Browser(fixture.Factory);

        for (var i = 0; i < 5; i++)
        {
            var failed = await PostLoginAsync(browser, user.Email, "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("not correct", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var locked = await PostLoginAsync(browser, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var stored = await users.FindByIdAsync(user.UserId.ToString());
        Assert.True(await users.IsLockedOutAsync(stored!));
        Assert.InRange(stored!.LockoutEnd!.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
    }

    [Fact]
    public async Task Login_UnknownEmailAndWrongPassword_LookTheSame()
    {
        var user = await fixture.SignUpConfirmedAsync();
        using var browser = Browser(fixture.Factory);

        var unknown = await (await PostLoginAsync(browser, $"nobody-{Unique()}@example.test", "whatever password")).Content.ReadAsStringAsync();
        var wrong = await (await PostLoginAsync(browser, user.Email, "whatever password")).Content.ReadAsStringAsync();

        Assert.Equal(ErrorText(unknown), ErrorText(wrong));
        Assert.NotEmpty(ErrorText(unknown));
    }

    [Fact]
    public async Task ForgotPassword_ThenResetThroughEmailLink_SignsInWithNewPassword()
    {
        var user = await fixture.SignUpConfirmedAsync();
        using var browser = Browser(fixture.Factory);
        var unknown = await PostFormAsync(browser, "/account/forgot-password", new() { ["Email"] = $"nobody-{Unique()}@example.test" });
        var known = await PostFormAsync(browser, "/account/forgot-password", new() { ["Email"] = user.Email });
        Assert.Equal(StatusText(unknown), StatusText(known));

        var link = new Uri(await fixture.FindMailLinkAsync(user.Email, "/account/reset-password"));
        var newPassword = "a brand new passphrase 77";
        var reset = await PostFormAsync(browser, link.PathAndQuery, new() { ["Password"] = newPassword });
        Assert.Contains("password was changed", reset, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostLoginAsync(browser, user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(browser, user.Email, newPassword)).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_Enabled_LoginNeedsTotpCode()
    {
        var user = await fixture.SignUpConfirmedAsync();
        using (var browser = Browser(fixture.Factory))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(browser, user.Email, user.Password)).StatusCode);
            var setup = await (await browser.GetAsync("/account/two-factor")).Content.ReadAsStringAsync();
            var key = SharedKeyPattern().Match(setup).Groups[1].Value;
            var enabled = await PostFormAsync(browser, "/account/two-factor?handler=Enable", new() { ["Code"] = Totp(key) }, "/account/two-factor");
            Assert.Contains("now on", enabled, StringComparison.Ordinal);
            ViewKey = key;
        }

        using var fresh = Browser(fixture.Factory);
        var first = await PostLoginAsync(fresh, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/login-2fa", first.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/account/two-factor")).StatusCode);

        var wrong = await PostFormAsync(fresh, "/account/login-2fa", new() { ["Code"] = "000000" });
        Assert.Contains("not correct", wrong, StringComparison.Ordinal);
        var page = await fresh.GetAsync("/account/login-2fa");
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        fields["Code"] = Totp(ViewKey!);
        var ok = await fresh.PostAsync("/account/login-2fa", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/account/two-factor")).StatusCode);
    }

    private string? ViewKey { get; set; }

    /// <summary>GETs the page (for its antiforgery token), then posts the form with the given fields.</summary>
    private static async Task<string> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> values, string? pageUrl = null)
    {
        var page = await browser.GetAsync(pageUrl ?? url);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        foreach (var (k, v) in values)
        {
            fields[k] = v;
        }

        var response = await browser.PostAsync(url, new FormUrlEncodedContent(fields));
        return await response.Content.ReadAsStringAsync();
    }

    private static string ErrorText(string html) => Regex.Match(html, "<p class=\"error\"[^>]*>(.*?)</p>").Groups[1].Value;

    private static string StatusText(string html) => Regex.Match(html, "<p role=\"status\">(.*?)</p>").Groups[1].Value;

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 key, as an authenticator app computes it.</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in input.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex("<code id=\"shared-key\">([A-Z2-7]+)</code>")]
    private static partial Regex SharedKeyPattern();
}
