using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Authorization;
using Platform.Identity.Onboarding;
using Platform.IntegrationTests.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.IntegrationTests.Identity;

public sealed record SignedUp(string Email, string Password, Guid UserId, Guid TenantId, string Slug);

public sealed record TokenResponse(string? AccessToken, string? RefreshToken, string? Error, HttpStatusCode Status);

/// <summary>Drives the identity flows over HTTP the way a browser, an app or a back office would.</summary>
public static partial class IdentityTestKit
{
    public const string Password = "correct horse battery staple 42";
    public const string AppRedirectUri = "https://app.example.test/callback";

    public static HttpClient Browser(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs up a promoter (user + tenant) and confirms the email through the link in the .eml file.</summary>
    public static async Task<SignedUp> SignUpConfirmedAsync(this PlatformFixture fixture, string? password = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var email = $"owner-{id}@example.test";
        using var anonymous = fixture.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/signup", new
        {
            email,
            password = password ?? Password,
            displayName = "Olive Owner",
            tenant = new { slug = $"p-{id}", displayName = $"Promoter {id}", locale = "en", timeZone = "Europe/Berlin", defaultCurrency = "EUR" },
        });
        var body = await response.ReadAsync<SignUpResponse>();
        await fixture.ConfirmEmailAsync(email);
        return new SignedUp(email, password ?? Password, body.UserId, body.TenantId, body.TenantSlug);
    }

    public static async Task ConfirmEmailAsync(this PlatformFixture fixture, string email)
    {
        var link = await fixture.FindMailLinkAsync(email, "/account/confirm-email");
        using var browser = Browser(fixture.Factory);
        var page = await browser.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>The newest link with the given path in an email to <paramref name="email"/> (the embedded sender's .eml files).</summary>
    public static async Task<string> FindMailLinkAsync(this PlatformFixture fixture, string email, string path)
    {
        var link = new Regex(@"https?://\S+" + Regex.Escape(path) + @"\S*");
        return link.Match(await fixture.MailBodyAsync(email, body => link.IsMatch(body), $"with a link to {path}")).Value;
    }

    /// <summary>Creates a platform admin with <see cref="Password"/> through the host command an operator runs; returns the e-mail.</summary>
    public static async Task<string> CreatePlatformAdminAsync(this PlatformFixture fixture, string prefix = "operator")
    {
        var email = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)] + "@example.test";
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<Platform.Identity.IdentityCommands>()
            .RunAsync(["create-platform-admin", "--email", email, "--password", Password], default));
        return email;
    }

    /// <summary>Registers a public app client for the authorization code flow, as an operator would.</summary>
    public static async Task<string> RegisterAppClientAsync(this PlatformFixture fixture, string redirectUri = AppRedirectUri)
    {
        var clientId = $"app-{Guid.NewGuid():N}"[..20];
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            DisplayName = "Test app",
            RedirectUris = { new Uri(redirectUri) },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            Permissions.Prefixes.Scope + Scopes.OfflineAccess]);
        descriptor.Permissions.UnionWith(PlatformScopes.All.Select(s => Permissions.Prefixes.Scope + s));
        await manager.CreateAsync(descriptor);
        return clientId;
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    public static string AuthorizeUrl(string clientId, string challenge, string method = "S256", string redirectUri = AppRedirectUri,
        string scope = "tenants:admin events:read offline_access")
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = "st-" + Guid.NewGuid().ToString("N")[..8],
        };
        if (challenge.Length > 0)
        {
            query["code_challenge"] = challenge;
            query["code_challenge_method"] = method;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }

    /// <summary>Signs in through the real login page (cookies, antiforgery); returns the redirect the page answers with.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var loginUrl = "/account/login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var page = await browser.GetAsync(loginUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        fields["Email"] = email;
        fields["Password"] = password;
        return await browser.PostAsync(loginUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// The whole authorization code + PKCE flow: authorize → login page → consent page (choosing the tenant) →
    /// code at the redirect URI → tokens.
    /// </summary>
    public static async Task<TokenResponse> AuthorizationCodeFlowAsync(
        PlatformFixture fixture, string clientId, SignedUp user, Guid? tenantId = null, string scope = "tenants:admin events:read offline_access")
    {
        using var browser = Browser(fixture.Factory);
        var (verifier, challenge) = Pkce();
        var code = await GetCodeAsync(browser, clientId, user.Email, user.Password, challenge, tenantId ?? user.TenantId, scope);
        return await RedeemCodeAsync(fixture.Factory, clientId, code, verifier);
    }

    public static async Task<string> GetCodeAsync(HttpClient browser, string clientId, string email, string password, string challenge, Guid? tenantId,
        string scope = "tenants:admin events:read offline_access", string redirectUri = AppRedirectUri)
    {
        var authorize = AuthorizeUrl(clientId, challenge, scope: scope, redirectUri: redirectUri);
        var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/account/login", toLogin.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        var returnUrl = QueryHelpers.ParseQuery(toLogin.Headers.Location.Query)["ReturnUrl"].ToString();

        var signedIn = await PostLoginAsync(browser, email, password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var consent = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        var html = await consent.Content.ReadAsStringAsync();
        Assert.True(consent.StatusCode == HttpStatusCode.OK, html);

        var fields = HiddenFields(html);
        fields["tenant"] = tenantId?.ToString() ?? "";
        fields["decision"] = "accept";
        var redirect = await browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(redirectUri, location.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.True(query.ContainsKey("code"), location.ToString());
        return query["code"].ToString();
    }

    public static Task<TokenResponse> RedeemCodeAsync(WebApplicationFactory<Program> factory, string clientId, string code, string verifier,
        string redirectUri = AppRedirectUri) =>
        TokenAsync(factory, new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
        });

    public static Task<TokenResponse> RefreshAsync(WebApplicationFactory<Program> factory, string clientId, string refreshToken) =>
        TokenAsync(factory, new() { ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = refreshToken });

    public static Task<TokenResponse> ClientCredentialsAsync(WebApplicationFactory<Program> factory, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return TokenAsync(factory, form);
    }

    public static async Task<TokenResponse> TokenAsync(WebApplicationFactory<Program> factory, Dictionary<string, string> form)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return new TokenResponse(
            json.TryGetProperty("access_token", out var at) ? at.GetString() : null,
            json.TryGetProperty("refresh_token", out var rt) ? rt.GetString() : null,
            json.TryGetProperty("error", out var e) ? e.GetString() : null,
            response.StatusCode);
    }

    public static HttpClient Bearer(WebApplicationFactory<Program> factory, string accessToken)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Every hidden input of a page (antiforgery token, the OAuth request's parameters), HTML-decoded.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputPattern().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                continue;
            }

            var name = NamePattern().Match(tag);
            var value = ValuePattern().Match(tag);
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
        }

        return fields;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NamePattern();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();
}
