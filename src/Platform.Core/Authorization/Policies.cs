using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Authorization;

/// <summary>
/// Named authorization policies. Every endpoint names one of these (or AllowAnonymous); docs/roles.md is the matrix.
/// </summary>
public static class Policies
{
    public const string PlatformAdmin = "platform-admin";
    public const string TenantAdmin = "tenant-admin";

    public static IHostApplicationBuilder AddPlatformAuthorization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            // An endpoint that names no policy still requires a signed-in caller (fail closed).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformAdmin, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin))
            .AddPolicy(TenantAdmin, p => p.RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.TenantId)
                .RequireClaim(PlatformClaims.Role, PlatformRoles.Owner, PlatformRoles.Admin));
        return builder;
    }
}
