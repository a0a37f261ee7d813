using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Authorization;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// Who a test calls as: the same claims a real access token carries (subject, tenant, roles, scopes, client).
/// </summary>
public sealed record TestCaller(string Subject, Guid? TenantId = null, string[]? Roles = null, string[]? Scopes = null, string? ClientId = null)
{
    public static TestCaller PlatformAdmin { get; } = new("platform-admin-1", Roles: [PlatformRoles.PlatformAdmin]);

    /// <summary>A person in a tenant with the given roles, holding every scope (so roles alone decide).</summary>
    public static TestCaller TenantMember(Guid tenantId, params string[] roles) =>
        new($"user-{Guid.NewGuid():N}", tenantId, roles, [.. PlatformScopes.All]);

    /// <summary>A client-credentials token of an API client of the tenant, limited by its scopes.</summary>
    public static TestCaller ApiClient(Guid tenantId, params string[] scopes)
    {
        var clientId = $"client-{Guid.NewGuid():N}";
        return new(clientId, tenantId, [], scopes, clientId);
    }

    /// <summary>A client-credentials token of a given (registered) API client, e.g. a reseller, limited by its scopes.</summary>
    public static TestCaller ApiClientWithId(Guid tenantId, string clientId, params string[] scopes) => new(clientId, tenantId, [], scopes, clientId);

    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this));

    public static TestCaller Decode(string value) =>
        JsonSerializer.Deserialize<TestCaller>(Encoding.UTF8.GetString(Convert.FromBase64String(value)))!;
}

/// <summary>
/// Authenticates a request from the X-Test-Caller header, standing in for token validation so that tests of other
/// capabilities need not run an OAuth flow each time (the identity tests cover real tokens).
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string SelectorScheme = "TestOrBearer";
    public const string Header = "X-Test-Caller";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var caller = TestCaller.Decode(value.ToString());
        var claims = new List<Claim> { new(PlatformClaims.Subject, caller.Subject) };
        if (caller.TenantId is { } tenant)
        {
            claims.Add(new Claim(PlatformClaims.TenantId, tenant.ToString()));
        }

        claims.AddRange((caller.Roles ?? []).Select(r => new Claim(PlatformClaims.Role, r)));
        claims.AddRange((caller.Scopes ?? []).Select(s => new Claim(PlatformClaims.Scope, s)));
        if (caller.ClientId is not null)
        {
            claims.Add(new Claim(PlatformClaims.ClientId, caller.ClientId));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, PlatformClaims.Subject, PlatformClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
