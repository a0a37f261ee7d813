using Microsoft.AspNetCore.Identity;

namespace Platform.Identity.Users;

/// <summary>
/// A person who signs in. Platform-level (no tenant): one account may hold memberships in several tenants.
/// The user name is always the email address.
/// </summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public PlatformUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public string DisplayName { get; set; } = "";

    /// <summary>Operates the platform itself (tenant administration); not a tenant role.</summary>
    public bool IsPlatformAdmin { get; set; }

    /// <summary>A disabled account cannot sign in, and its tokens and refresh tokens are revoked.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
