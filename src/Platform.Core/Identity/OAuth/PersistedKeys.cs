using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Server;
using Platform.Persistence;

namespace Platform.Identity.OAuth;

/// <summary>
/// Gives the authorization server its signing and encryption keys from the database, creating each once (the first
/// node to need it wins the unique index; the others read the winner's key). So a restart or a second node signs,
/// encrypts and validates with the same keys. Runs when OpenIddict's options are first built, i.e. at the first
/// OAuth request, never at start-up or during OpenAPI generation.
/// </summary>
internal sealed class PersistedKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
    : IConfigureOptions<OpenIddictServerOptions>
{
    private const string Purpose = "Platform.Identity.OAuthKeys.v1";

    public void Configure(OpenIddictServerOptions options)
    {
        var signing = LoadOrCreate(OAuthKey.Signing);
        options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
        var encryption = LoadOrCreate(OAuthKey.Encryption);
        options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.RsaOAEP,
            SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private RsaSecurityKey LoadOrCreate(string use)
    {
        var protector = protection.CreateProtector(Purpose);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var stored = db.Set<OAuthKey>().AsNoTracking().FirstOrDefault(k => k.Use == use);
        if (stored is null)
        {
            using var rsa = RSA.Create(2048);
            var candidate = new OAuthKey
            {
                Use = use,
                ProtectedKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
                CreatedAt = clock.GetUtcNow(),
            };
            db.Add(candidate);
            try
            {
                db.SaveChanges();
                stored = candidate;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                stored = db.Set<OAuthKey>().AsNoTracking().First(k => k.Use == use);
            }
        }

        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(stored.ProtectedKey)), out _);
        return new RsaSecurityKey(key) { KeyId = stored.Id.ToString("N") };
    }
}
