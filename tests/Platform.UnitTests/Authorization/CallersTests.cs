using System.Security.Claims;
using Platform.Authorization;

namespace Platform.UnitTests.Authorization;

public sealed class CallersTests
{
    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));

    [Fact]
    public void Key_PersonSignedInThroughTheConsole_IsThePersonNotTheConsole() =>
        Assert.Equal("user:42", Callers.Key(Token((PlatformClaims.Subject, "42"), (PlatformClaims.ClientId, "console"))));

    [Fact]
    public void Key_ClientCredentialsToken_IsTheClient() =>
        Assert.Equal("client:reseller-7", Callers.Key(Token((PlatformClaims.Subject, "reseller-7"), (PlatformClaims.ClientId, "reseller-7"))));

    [Fact]
    public void Key_PersonWithoutClient_IsThePerson() => Assert.Equal("user:42", Callers.Key(Token((PlatformClaims.Subject, "42"))));

    [Fact]
    public void Key_Anonymous_IsNull() => Assert.Null(Callers.Key(new ClaimsPrincipal(new ClaimsIdentity())));
}
