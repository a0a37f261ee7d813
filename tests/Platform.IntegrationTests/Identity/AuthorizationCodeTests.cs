using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Authorization;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class AuthorizationCodeTests(PlatformFixture fixture)
{
    [Fact]
    public async Task AuthorizationCode_PkceThroughLoginPage_TokenRefreshAndReplayRevokesChain()
    {
        var user = await fixture.SignUpConfirmedAsync();
        var clientId = await fixture.RegisterAppClientAsync();

        var tokens = await AuthorizationCodeFlowAsync(fixture, clientId, user);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(user.UserId.ToString(), jwt.GetClaim("sub").Value);
        Assert.Equal(user.TenantId.ToString(), jwt.GetClaim("tenant_id").Value);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(PlatformRoles.Owner, jwt.GetClaim("role").Value);
        using (var api = Bearer(fixture.Factory, tokens.AccessToken!))
        {
            var members = await (await api.GetAsync("/api/v1/members")).ReadAsync<List<Platform.Identity.Memberships.MemberResponse>>();
            Assert.Equal(user.Email, Assert.Single(members).Email);
        }

        var refreshed = await RefreshAsync(fixture.Factory, clientId, tokens.RefreshToken!);
        Assert.NotNull(refreshed.AccessToken);
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        using (var api = Bearer(fixture.Factory, refreshed.AccessToken!))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/members")).StatusCode);
        }

        // The first refresh token was redeemed: presenting it again is treated as theft and revokes the chain.
        var replay = await RefreshAsync(fixture.Factory, clientId, tokens.RefreshToken!);
        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal("invalid_grant", (await RefreshAsync(fixture.Factory, clientId, refreshed.RefreshToken!)).Error);
        using (var api = Bearer(fixture.Factory, refreshed.AccessToken!))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/members")).StatusCode);
        }
    }

    [Fact]
    public async Task Authorize_WrongRedirectUri_RefusedWithoutRedirect()
    {
        var clientId = await fixture.RegisterAppClientAsync();
        using var browser = Browser(fixture.Factory);

        var response = await browser.GetAsync(AuthorizeUrl(clientId, Pkce().Challenge, redirectUri: AppRedirectUri + "/evil"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("", "S256")]
    [InlineData("plain", "plain")]
    public async Task Authorize_MissingOrPlainPkce_InvalidRequest(string challenge, string method)
    {
        var clientId = await fixture.RegisterAppClientAsync();
        using var browser = Browser(fixture.Factory);

        var response = await browser.GetAsync(AuthorizeUrl(clientId, challenge == "plain" ? "a".PadRight(43, 'a') : "", method));

        // Refused before any sign-in: either straight away (400) or back at the client with the OAuth error.
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith(AppRedirectUri, response.Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.Equal("invalid_request", QueryHelpers.ParseQuery(response.Headers.Location.Query)["error"].ToString());
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            Assert.Contains("invalid_request", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Token_CodeReusedOrWrongVerifier_InvalidGrant()
    {
        var user = await fixture.SignUpConfirmedAsync();
        var clientId = await fixture.RegisterAppClientAsync();
        using var browser = Browser(fixture.Factory);
        var (verifier, challenge) = Pkce();
        var code = await GetCodeAsync(browser, clientId, user.Email, user.Password, challenge, user.TenantId);

        Assert.Equal("invalid_grant", (await RedeemCodeAsync(fixture.Factory, clientId, code, Pkce().Verifier)).Error);
        var first = await RedeemCodeAsync(fixture.Factory, clientId, code, verifier);
        var second = await RedeemCodeAsync(fixture.Factory, clientId, code, verifier);

        Assert.NotNull(first.AccessToken);
        Assert.Equal("invalid_grant", second.Error);
    }

    [Fact]
    public async Task DisableUser_RefreshAndAccessTokenAndLogin_Refused()
    {
        var user = await fixture.SignUpConfirmedAsync();
        var clientId = await fixture.RegisterAppClientAsync();
        var tokens = await AuthorizationCodeFlowAsync(fixture, clientId, user);

        using var admin = fixture.CreateClient(TestCaller.PlatformAdmin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{user.UserId}/disable", null)).StatusCode);

        Assert.Equal("invalid_grant", (await RefreshAsync(fixture.Factory, clientId, tokens.RefreshToken!)).Error);
        using var api = Bearer(fixture.Factory, tokens.AccessToken!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/members")).StatusCode);
        using var browser = Browser(fixture.Factory);
        Assert.Equal(HttpStatusCode.OK, (await PostLoginAsync(browser, user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Token_AfterMemberRemoved_RefreshRefused()
    {
        var user = await fixture.SignUpConfirmedAsync();
        var clientId = await fixture.RegisterAppClientAsync();
        using var owner = fixture.CreateClient(TestCaller.TenantMember(user.TenantId, PlatformRoles.Owner));
        var invitee = $"second-{Guid.NewGuid():N}@example.test";
        await (await owner.PostAsJsonAsync("/api/v1/invitations", new { email = invitee, role = PlatformRoles.Owner })).ReadAsync<object>();
        var link = new Uri(await fixture.FindMailLinkAsync(invitee, "/account/accept-invitation"));
        var token = QueryHelpers.ParseQuery(link.Query)["token"].ToString();
        using var anonymous = fixture.CreateClient();
        await (await anonymous.PostAsJsonAsync($"/api/v1/public/tenants/{user.Slug}/invitations/accept", new { token, password = Password }))
            .ReadAsync<object>();
        var tokens = await AuthorizationCodeFlowAsync(fixture, clientId, user);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/members/{user.UserId}")).StatusCode);

        Assert.Equal("invalid_grant", (await RefreshAsync(fixture.Factory, clientId, tokens.RefreshToken!)).Error);
    }
}
