using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Authorization;
using Platform.Identity.OAuth;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class ClientCredentialsTests(PlatformFixture fixture)
{
    private async Task<(Guid TenantId, ApiClientSecretResponse Client)> RegisterAsync(params string[] scopes)
    {
        var tenant = await fixture.CreateTenantAsync("cc");
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner));
        var response = await owner.PostAsJsonAsync("/api/v1/api-clients", new { name = "Reseller back office", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (tenant.Id, await response.ReadAsync<ApiClientSecretResponse>());
    }

    [Fact]
    public async Task ClientCredentials_RegisteredClient_TokenCallsApiWithTenantAndScopes()
    {
        var (tenantId, client) = await RegisterAsync(PlatformScopes.TenantsAdmin, PlatformScopes.EventsRead);

        var token = await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, token.Status);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(client.Client.ClientId, jwt.GetClaim("sub").Value);
        Assert.Equal(client.Client.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(tenantId.ToString(), jwt.GetClaim("tenant_id").Value);
        Assert.Contains(OAuthOptions.ApiAudience, jwt.Audiences);
        Assert.False(jwt.TryGetClaim("role", out _));
        using var api = Bearer(fixture.Factory, token.AccessToken!);
        var clients = await (await api.GetAsync("/api/v1/api-clients")).ReadAsync<List<ApiClientResponse>>();
        Assert.Equal(client.Client.Id, Assert.Single(clients).Id);
    }

    [Fact]
    public async Task CreateApiClient_SecretStoredOnlyAsSlowHash()
    {
        var (_, client) = await RegisterAsync(PlatformScopes.EventsRead);

        await using var db = new Npgsql.NpgsqlConnection(fixture.SuperuserConnectionString);
        await db.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT client_secret FROM oauth_applications WHERE client_id = @id", db);
        query.Parameters.AddWithValue("id", client.Client.ClientId);
        var stored = (string)(await query.ExecuteScalarAsync())!;

        Assert.DoesNotContain(client.ClientSecret, stored, StringComparison.Ordinal);
        // OpenIddict's format: 0x01, PRF, iteration count (big-endian), salt length, salt, PBKDF2 subkey.
        var bytes = Convert.FromBase64String(stored);
        Assert.Equal(0x01, bytes[0]);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) >= 100_000, "PBKDF2 work factor too low.");
    }

    [Fact]
    public async Task ApiCall_TokenWithoutRequiredScope_Forbidden()
    {
        var (_, client) = await RegisterAsync(PlatformScopes.EventsRead);
        var token = await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret);

        using var api = Bearer(fixture.Factory, token.AccessToken!);
        await (await api.GetAsync("/api/v1/api-clients")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_ScopeNotGrantedToClient_InvalidScope()
    {
        var (_, client) = await RegisterAsync(PlatformScopes.EventsRead);

        var token = await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret, PlatformScopes.OrdersWrite);

        // OpenIddict answers a scope the client may not use with invalid_request ("not allowed to use the scope").
        Assert.Equal(HttpStatusCode.BadRequest, token.Status);
        Assert.Equal("invalid_request", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async Task ApiCall_TokenOfTenantA_OnTenantBResource_NotFound()
    {
        var (_, clientA) = await RegisterAsync(PlatformScopes.TenantsAdmin);
        var (_, clientB) = await RegisterAsync(PlatformScopes.TenantsAdmin);
        var token = await ClientCredentialsAsync(fixture.Factory, clientA.Client.ClientId, clientA.ClientSecret);

        using var api = Bearer(fixture.Factory, token.AccessToken!);
        await (await api.GetAsync($"/api/v1/api-clients/{clientB.Client.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/v1/api-clients/{clientB.Client.Id}/revoke", null)).ProblemAsync(HttpStatusCode.NotFound);
        var own = await (await api.GetAsync($"/api/v1/api-clients/{clientA.Client.Id}")).ReadAsync<ApiClientResponse>();
        Assert.Equal(clientA.Client.ClientId, own.ClientId);
    }

    [Fact]
    public async Task RevokeApiClient_IssuedTokenAndNewTokenRequests_Refused()
    {
        var (tenantId, client) = await RegisterAsync(PlatformScopes.TenantsAdmin);
        var token = await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret);
        using var api = Bearer(fixture.Factory, token.AccessToken!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/api-clients")).StatusCode);

        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenantId, PlatformRoles.Admin));
        var revoked = await (await owner.PostAsync($"/api/v1/api-clients/{client.Client.Id}/revoke", null)).ReadAsync<ApiClientResponse>();

        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/api-clients")).StatusCode);
        var again = await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret);
        Assert.Equal("invalid_client", again.Error);
    }

    [Fact]
    public async Task RotateSecret_OldSecretRefused_NewSecretWorks()
    {
        var (tenantId, client) = await RegisterAsync(PlatformScopes.EventsRead);
        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenantId, PlatformRoles.Owner));

        var rotated = await (await owner.PostAsync($"/api/v1/api-clients/{client.Client.Id}/rotate-secret", null)).ReadAsync<ApiClientSecretResponse>();

        Assert.NotEqual(client.ClientSecret, rotated.ClientSecret);
        Assert.Equal("invalid_client", (await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, client.ClientSecret)).Error);
        Assert.NotNull((await ClientCredentialsAsync(fixture.Factory, client.Client.ClientId, rotated.ClientSecret)).AccessToken);
    }

    [Fact]
    public async Task CreateApiClient_ByNonAdminRoleOrUnknownScope_RefusedOrInvalid()
    {
        var tenant = await fixture.CreateTenantAsync("cc");
        using var finance = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Finance));
        await (await finance.PostAsJsonAsync("/api/v1/api-clients", new { name = "x", scopes = new[] { "events:read" } }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        using var owner = fixture.CreateClient(TestCaller.TenantMember(tenant.Id, PlatformRoles.Owner));
        var problem = await (await owner.PostAsJsonAsync("/api/v1/api-clients", new { name = "x", scopes = new[] { "everything" } }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem.ErrorFields(), f => f.StartsWith("scopes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("grant_type=password_please")]
    [InlineData("client_id=x")]
    [InlineData("grant_type=client_credentials&client_id=nobody&client_secret=nothing")]
    public async Task Token_MalformedOrUnknown_OAuthErrorNot500(string form)
    {
        using var client = fixture.Factory.CreateClient();
        var response = await client.PostAsync("/connect/token", new StringContent(form, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.InRange((int)response.StatusCode, 400, 401);
        var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(error, new[] { "invalid_request", "unsupported_grant_type", "invalid_client" });
    }
}
