using System.Text.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class OpenApiSecurityTests(PlatformFixture fixture)
{
    [Fact]
    public async Task OpenApiDocument_DeclaresOAuthFlowsAndPerOperationScopes()
    {
        using var client = fixture.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        // Swagger UI's Authorize dialog lists the schemes in document order: the PKCE sign-in comes first, alone.
        Assert.Equal(["oauth2", "oauth2ClientCredentials"], schemes.EnumerateObject().Select(p => p.Name));
        var flows = schemes.GetProperty("oauth2").GetProperty("flows");
        Assert.Equal(["authorizationCode"], flows.EnumerateObject().Select(p => p.Name));
        var clientCredentials = schemes.GetProperty("oauth2ClientCredentials").GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("/connect/token", clientCredentials.GetProperty("tokenUrl").GetString());
        Assert.Equal("/connect/authorize", flows.GetProperty("authorizationCode").GetProperty("authorizationUrl").GetString());
        Assert.True(flows.GetProperty("authorizationCode").GetProperty("scopes").TryGetProperty("orders:write", out _));

        var paths = document.GetProperty("paths");
        var listMembers = paths.GetProperty("/api/v1/members").GetProperty("get").GetProperty("security")[0].GetProperty("oauth2");
        Assert.Equal("tenants:admin", listMembers[0].GetString());
        Assert.Equal(0, paths.GetProperty("/api/v1/signup").GetProperty("post").GetProperty("security").GetArrayLength());
        Assert.True(paths.GetProperty("/api/v1/admin/tenants").GetProperty("get").GetProperty("security")[0].TryGetProperty("oauth2", out _));
    }

    [Fact]
    public async Task SwaggerUi_ConfiguredForAuthorizationCodeWithPkce()
    {
        using var client = fixture.CreateClient();
        var config = await client.GetStringAsync("/swagger/index.js");

        Assert.Contains("swagger-ui", config, StringComparison.Ordinal);
        Assert.Contains("\"usePkceWithAuthorizationCodeGrant\":true", config.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
