using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Authorization;
using Platform.Identity.Memberships;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// Sign-up, invitation acceptance and the reset page refuse passwords built from the email, the name or the
/// organisation's name, common passwords dressed up with capitals, digits and symbols, and low zxcvbn scores — each
/// with a message that says why.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PasswordStrengthTests(PlatformFixture fixture)
{
    private const string BuiltFrom = "built from your email address";

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData("password1234", "common password")]
    [InlineData("Password123!", "common password")]
    [InlineData("P@ssw0rd2024!", "common password")]
    [InlineData("{email}", "is your email address")]
    [InlineData("{local}", BuiltFrom)]
    [InlineData("{local}2024!!", BuiltFrom)]
    [InlineData("Juniper Harlow 1990", BuiltFrom)]
    [InlineData("Quillfeather Shows 2025", BuiltFrom)]
    [InlineData("aaaaaaaaaaaaaaaa", "too easy to guess")]
    public async Task SignUp_WeakPassword_422SayingWhy(string password, string why)
    {
        using var anonymous = fixture.CreateClient();
        var id = Unique();
        var local = $"juniper.harlow.{id}";
        var email = $"{local}@example.test";
        password = password.Replace("{email}", email, StringComparison.Ordinal).Replace("{local}", local, StringComparison.Ordinal);

        var problem = await (await anonymous.PostAsJsonAsync("/api/v1/signup", SignUp(email, password, id))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("weak_password", problem.Code());
        var messages = problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignUp_StrongPassphrase_Created()
    {
        using var anonymous = fixture.CreateClient();
        var id = Unique();

        var response = await anonymous.PostAsJsonAsync("/api/v1/signup", SignUp($"juniper.harlow.{id}@example.test", "velvet anchor drizzle lantern 58", id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AcceptInvitation_PasswordBuiltFromTheOrganisationOrCommon_422ThenStrongOneJoins()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        var email = $"member-{Unique()}@example.test";
        using var api = fixture.CreateClient(TestCaller.TenantMember(owner.TenantId, PlatformRoles.Owner));
        (await api.PostAsJsonAsync("/api/v1/invitations", new { email, role = PlatformRoles.Admin })).EnsureSuccessStatusCode();
        var token = QueryHelpers.ParseQuery(new Uri(await fixture.FindMailLinkAsync(email, "/account/accept-invitation")).Query)["token"].ToString();
        using var anonymous = fixture.CreateClient();
        var url = $"/api/v1/public/tenants/{owner.Slug}/invitations/accept";

        // The organisation is "Promoter <id>" (slug p-<id>): its name twice over is no password.
        var orgName = await (await anonymous.PostAsJsonAsync(url, new { token, password = "Promoter!Promoter!2024", displayName = "Max Member" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var common = await (await anonymous.PostAsJsonAsync(url, new { token, password = "Password123!", displayName = "Max Member" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var accepted = await (await anonymous.PostAsJsonAsync(url, new { token, password = Password, displayName = "Max Member" }))
            .ReadAsync<AcceptInvitationResponse>();

        Assert.Contains(Messages(orgName), m => m.Contains(BuiltFrom, StringComparison.Ordinal));
        Assert.Contains(Messages(common), m => m.Contains("common password", StringComparison.Ordinal));
        Assert.Equal(owner.TenantId, accepted.TenantId);
    }

    [Fact]
    public async Task ResetPasswordPage_PasswordBuiltFromTheOrganisation_RefusedSayingWhy_StrongOneWorks()
    {
        var user = await fixture.SignUpConfirmedAsync();
        using var browser = Browser(fixture.Factory);
        await PostFormAsync(browser, "/account/forgot-password", new() { ["Email"] = user.Email });
        var link = new Uri(await fixture.FindMailLinkAsync(user.Email, "/account/reset-password"));

        var orgName = await PostFormAsync(browser, link.PathAndQuery, new() { ["Password"] = "Promoter!Promoter!2024" });
        var common = await PostFormAsync(browser, link.PathAndQuery, new() { ["Password"] = "Password123!" });
        var strong = await PostFormAsync(browser, link.PathAndQuery, new() { ["Password"] = "velvet anchor drizzle lantern 58" });

        Assert.Contains(BuiltFrom, orgName, StringComparison.Ordinal);
        Assert.Contains("common password", common, StringComparison.Ordinal);
        Assert.Contains("password was changed", strong, StringComparison.Ordinal);
    }

    private static object SignUp(string email, string password, string id) => new
    {
        email,
        password,
        displayName = "Juniper Harlow",
        tenant = new { slug = $"q-{id}", displayName = "Quillfeather Shows", locale = "en", timeZone = "Europe/Berlin", defaultCurrency = "EUR" },
    };

    private static List<string> Messages(JsonElement problem) =>
        [.. problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<string> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> values)
    {
        var page = await browser.GetAsync(url);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        foreach (var (k, v) in values)
        {
            fields[k] = v;
        }

        return await (await browser.PostAsync(url, new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync();
    }
}
