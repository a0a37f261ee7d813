using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Server;
using Platform.Authorization;
using Platform.Identity.OAuth;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

/// <summary>
/// The API refuses tokens that are expired, altered or meant for another audience. The bad tokens are real tokens
/// of this server, re-signed with its own signing key after one claim was changed, so only that claim is wrong.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AccessTokenValidationTests(PlatformFixture fixture)
{
    private async Task<string> RealTokenAsync()
    {
        var tenant = await fixture.CreateTenantAsync("tv");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner));
        var client = await (await owner.PostAsJsonAsync("/api/v1/api-clients", new { name = "b", scopes = new[] { PlatformScopes.TenantsAdmin } }))
            .ReadAsync<ApiClientSecretResponse>();
        return (await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret)).AccessToken!;
    }

    private string Resign(string token, Action<JsonObject> change)
    {
        var jwt = new JsonWebToken(token);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload))!.AsObject();
        change(payload);
        var credentials = fixture.Factory.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0];
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials,
            new Dictionary<string, object> { ["typ"] = jwt.Typ });
    }

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        using var api = Bearer(fixture.Factory, token);
        return (await api.GetAsync("/api/v1/api-clients")).StatusCode;
    }

    [Fact]
    public async Task ApiCall_ResignedUnchangedToken_Accepted()
    {
        // The control for the tests below: re-signing alone does not make a token invalid.
        var token = await RealTokenAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(Resign(token, _ => { })));
    }

    [Fact]
    public async Task ApiCall_ExpiredToken_Unauthorized()
    {
        var token = await RealTokenAsync();
        var past = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        // Time passes: the token store's expiry (which the validator trusts over the JWT's) and the JWT's exp lie behind us.
        await using (var db = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await db.OpenAsync();
            await using var expire = new NpgsqlCommand(
                "UPDATE oauth_tokens SET expiration_date = now() - interval '1 hour' WHERE subject = @sub", db);
            expire.Parameters.AddWithValue("sub", new JsonWebToken(token).Subject);
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Resign(token, p =>
        {
            p["iat"] = past - 600;
            p["nbf"] = past - 600;
            p["exp"] = past;
        })));
    }

    [Fact]
    public async Task ApiCall_WrongAudience_Unauthorized()
    {
        var token = await RealTokenAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Resign(token, p => p["aud"] = "another-api")));
    }

    [Fact]
    public async Task ApiCall_AlteredPayload_Unauthorized()
    {
        var token = await RealTokenAsync();
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["tenant_id"] = Guid.NewGuid().ToString();
        var altered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(altered));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")));
    }

    [Fact]
    public async Task ApiCall_TokenOfOneNode_AcceptedBySecondNodeOnSameDatabase()
    {
        var token = await RealTokenAsync();
        var secondNode = fixture.SecondNode;

        using var api = Bearer(secondNode, token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/api-clients")).StatusCode);
        var keys = JsonDocument.Parse(await (await secondNode.CreateClient().GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync());
        Assert.Contains(keys.RootElement.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == new JsonWebToken(token).Kid);
    }

    [Fact]
    public async Task Discovery_AdvertisesEndpointsScopesAndS256Only()
    {
        using var client = fixture.Factory.CreateClient();
        var document = JsonDocument.Parse(await (await client.GetAsync("/.well-known/openid-configuration")).Content.ReadAsStringAsync()).RootElement;

        Assert.EndsWith("/connect/token", document.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/revoke", document.GetProperty("revocation_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/introspect", document.GetProperty("introspection_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal(["S256"], document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var scopes = document.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.All(PlatformScopes.All, s => Assert.Contains(s, scopes));
    }

    [Fact]
    public async Task Introspection_ActiveThenRevoked()
    {
        var tenant = await fixture.CreateTenantAsync("tv");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner));
        var client = await (await owner.PostAsJsonAsync("/api/v1/api-clients", new { name = "b", scopes = new[] { PlatformScopes.EventsRead } }))
            .ReadAsync<ApiClientSecretResponse>();
        var token = (await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret)).AccessToken!;
        var credentials = new Dictionary<string, string> { ["client_id"] = client.Client.ClientId, ["client_secret"] = client.ClientSecret, ["token"] = token };
        using var http = fixture.Factory.CreateClient();

        var active = JsonDocument.Parse(await (await http.PostAsync("/connect/introspect", new FormUrlEncodedContent(credentials))).Content.ReadAsStringAsync());
        Assert.True(active.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/connect/revoke", new FormUrlEncodedContent(credentials))).StatusCode);
        var revoked = JsonDocument.Parse(await (await http.PostAsync("/connect/introspect", new FormUrlEncodedContent(credentials))).Content.ReadAsStringAsync());

        Assert.False(revoked.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWithAsync(token));
    }

    private async Task<HttpStatusCode> CallWithAsync(string token)
    {
        using var api = Bearer(fixture.Factory, token);
        return (await api.GetAsync("/api/v1/members")).StatusCode;
    }
}
