using Microsoft.AspNetCore.Authorization;

namespace Platform.Authorization;

/// <summary>
/// A tenant operation: the caller must act within a tenant, hold the scope, and, when the token stands for a person,
/// have one of the roles. A client-credentials token (no user) is limited by its scopes alone, which a tenant
/// Owner or Admin chose when registering the client.
/// </summary>
public sealed class TenantPermissionRequirement(string scope, IReadOnlyList<string> roles) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    public IReadOnlyList<string> Roles { get; } = roles;
}

internal sealed class TenantPermissionHandler : AuthorizationHandler<TenantPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantPermissionRequirement requirement)
    {
        var user = context.User;
        if (user.FindFirst(PlatformClaims.TenantId) is null)
        {
            return Task.CompletedTask;
        }

        var scopes = user.FindAll(PlatformClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (!scopes.Contains(requirement.Scope, StringComparer.Ordinal))
        {
            return Task.CompletedTask;
        }

        var roles = user.FindAll(PlatformClaims.Role).Select(c => c.Value).ToList();
        var isClientToken = roles.Count == 0 && Callers.IsClient(user);
        if (isClientToken || roles.Intersect(requirement.Roles, StringComparer.Ordinal).Any())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
