using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace Platform.Identity.OAuth;

/// <summary>
/// The authorization server's RSA key for one use (signing or encryption), generated once and shared by every node.
/// The private key is stored protected by ASP.NET Core Data Protection, whose key ring lives in the same database.
/// </summary>
public sealed class OAuthKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Use { get; init; }

    public required string ProtectedKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class OAuthKeyConfiguration : IEntityTypeConfiguration<OAuthKey>
{
    public void Configure(EntityTypeBuilder<OAuthKey> builder)
    {
        builder.ToTable("oauth_keys");
        builder.HasKey(k => k.Id);
        builder.HasIndex(k => k.Use).IsUnique();
        builder.Property(k => k.Use).HasMaxLength(20);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("data_protection_keys");
}

internal sealed class OAuthApplicationTable : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreApplication<Guid>>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreApplication<Guid>> builder) => builder.ToTable("oauth_applications");
}

internal sealed class OAuthAuthorizationTable : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreAuthorization<Guid>>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreAuthorization<Guid>> builder) => builder.ToTable("oauth_authorizations");
}

internal sealed class OAuthScopeTable : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreScope<Guid>>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreScope<Guid>> builder) => builder.ToTable("oauth_scopes");
}

internal sealed class OAuthTokenTable : IEntityTypeConfiguration<OpenIddictEntityFrameworkCoreToken<Guid>>
{
    public void Configure(EntityTypeBuilder<OpenIddictEntityFrameworkCoreToken<Guid>> builder) => builder.ToTable("oauth_tokens");
}
