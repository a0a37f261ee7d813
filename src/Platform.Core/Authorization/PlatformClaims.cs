namespace Platform.Authorization;

/// <summary>Claim types carried by access tokens and read by policies and tenant resolution.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tenant_id";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string ClientId = "client_id";
}

/// <summary>Role claim values. Platform roles span tenants; tenant roles apply within the token's tenant.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "platform_admin";

    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string BoxOffice = "box_office";
    public const string Finance = "finance";
    public const string Analyst = "analyst";
    public const string Scanner = "scanner";

    public static readonly IReadOnlyList<string> TenantRoles = [Owner, Admin, BoxOffice, Finance, Analyst, Scanner];
}
