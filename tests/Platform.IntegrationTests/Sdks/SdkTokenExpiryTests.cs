using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Server;
using Platform.Authorization;
using Platform.IntegrationTests.Infrastructure;
using Ticketing.Platform.Sdk;
using ApiClientSecretResponse = Platform.Identity.OAuth.ApiClientSecretResponse;

namespace Platform.IntegrationTests.Sdks;

/// <summary>
/// A client-credentials token whose lifetime has ended while the SDK still holds it (the server's clock ran ahead of
/// the client's, or the process slept): the server refuses it with 401, and the SDK's token handler fetches a fresh
/// one and the call succeeds (issue #21). The SDK's own renewal before expiry is SdkClientTests' token test.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SdkTokenExpiryTests(PlatformFixture fixture)
{
    [Fact]
    public async Task ExpiredTokenTheSdkStillHolds_ServerAnswers401_SdkFetchesAFreshTokenAndTheCallSucceeds()
    {
        var node = fixture.LoopbackNode;
        var tenant = await fixture.CreateTenantAsync("sdkexp");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner));
        var client = await (await owner.PostAsJsonAsync("/api/v1/api-clients", new { name = "SDK expiry", scopes = new[] { PlatformScopes.EventsRead } }))
            .ReadAsync<ApiClientSecretResponse>();
        string? expired = null;
        // The first token answer reaches the SDK as it was issued (expires_in: 900) but its lifetime is over on the
        // server: the token store's expiry and the JWT's exp (re-signed with the server's own key) lie in the past.
        var wire = new ExchangeRecorder(new SocketsHttpHandler(), async (request, response) =>
        {
            if (request.RequestUri!.AbsolutePath != "/connect/token" || expired is not null || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            expired = await ExpireAsync(node.Services, body["access_token"]!.GetValue<string>());
            body["access_token"] = expired;
            response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        });
        var api = PlatformClientFactory.Create(new PlatformClientOptions
        {
            BaseUrl = fixture.LoopbackUrl!, ClientId = client.Client.ClientId, ClientSecret = client.ClientSecret, InnerHandler = wire,
        });

        var first = await api.ListEventsAsync(EventStatus.OnSale, 20, null);
        var second = await api.ListEventsAsync(EventStatus.OnSale, 20, null);

        Assert.NotNull(first.Data);
        Assert.NotNull(second.Data);
        var calls = wire.ApiCalls;
        Assert.Equal(3, calls.Count);
        Assert.Equal((expired, HttpStatusCode.Unauthorized), (calls[0].Bearer, calls[0].Status));
        Assert.Contains("invalid_token", calls[0].Challenge, StringComparison.Ordinal);
        Assert.Same(calls[0].Request, calls[1].Request); // the same call, sent again with the fresh token
        Assert.Equal(HttpStatusCode.OK, calls[1].Status);
        Assert.NotEqual(expired, calls[1].Bearer);
        Assert.Equal((calls[1].Bearer, HttpStatusCode.OK), (calls[2].Bearer, calls[2].Status)); // the fresh token is cached
        Assert.Equal(2, wire.TokenRequests);
    }

    /// <summary>Ends a token's life on the server: its token-store entry expires, and its JWT is re-signed with exp in the past.</summary>
    private async Task<string> ExpireAsync(IServiceProvider services, string token)
    {
        var jwt = new JsonWebToken(token);
        await using (var db = new NpgsqlConnection(fixture.SuperuserConnectionString))
        {
            await db.OpenAsync();
            await using var expire = new NpgsqlCommand("UPDATE oauth_tokens SET expiration_date = now() - interval '1 minute' WHERE subject = @sub", db);
            expire.Parameters.AddWithValue("sub", jwt.Subject);
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload))!.AsObject();
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        payload["iat"] = past - 900;
        payload["nbf"] = past - 900;
        payload["exp"] = past;
        var credentials = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0];
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials, new Dictionary<string, object> { ["typ"] = jwt.Typ });
    }
}
