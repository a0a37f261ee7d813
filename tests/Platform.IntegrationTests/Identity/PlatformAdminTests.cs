using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Authorization;
using Platform.Identity;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Identity.IdentityTestKit;

namespace Platform.IntegrationTests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class PlatformAdminTests(PlatformFixture fixture)
{
    private const string SwaggerRedirect = "http://localhost:5080/swagger/oauth2-redirect.html";

    [Fact]
    public async Task PlatformAdmin_CreatedByCommand_SignsInThroughSwaggerClientAndAdministersTenants()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.test";
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<IdentityCommands>();
            Assert.Equal(0, await commands.RunAsync(["create-platform-admin", "--email", email, "--password", Password], default));
            Assert.Equal(0, await commands.RunAsync(["create-platform-admin", "--email", email, "--password", Password], default));
            Assert.Equal(0, await commands.RunAsync(["ensure-oauth-clients"], default));
        }

        using var browser = Browser(fixture.Factory);
        var (verifier, challenge) = Pkce();
        var code = await GetCodeAsync(browser, IdentityCommands.SwaggerClientId, email, Password, challenge, tenantId: null,
            scope: "tenants:admin offline_access", redirectUri: SwaggerRedirect);
        var tokens = await RedeemCodeAsync(fixture.Factory, IdentityCommands.SwaggerClientId, code, verifier, SwaggerRedirect);

        Assert.Equal(PlatformRoles.PlatformAdmin, new JsonWebToken(tokens.AccessToken).GetClaim("role").Value);
        using var api = Bearer(fixture.Factory, tokens.AccessToken!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/admin/tenants")).StatusCode);
    }

    [Fact]
    public async Task TenantOwnerToken_OnTenantAdministration_Forbidden()
    {
        var owner = await fixture.SignUpConfirmedAsync();
        var clientId = await fixture.RegisterAppClientAsync();
        var tokens = await AuthorizationCodeFlowAsync(fixture, clientId, owner);

        using var api = Bearer(fixture.Factory, tokens.AccessToken!);
        await (await api.GetAsync("/api/v1/admin/tenants")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreatePlatformAdmin_WeakPassword_Refused()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<IdentityCommands>();

        Assert.Equal(1, await commands.RunAsync(["create-platform-admin", "--email", $"a-{Guid.NewGuid():N}@example.test", "--password", "qwertyqwerty"], default));
        Assert.Equal(2, await commands.RunAsync(["create-platform-admin", "--email", "x@example.test"], default));
    }
}
