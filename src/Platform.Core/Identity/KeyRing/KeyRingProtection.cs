using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Persistence;

namespace Platform.Identity.KeyRing;

/// <summary>One Data Protection key ring for every node, kept in PostgreSQL and encrypted to a certificate (ADR 0038).</summary>
internal static class KeyRingProtection
{
    public const string ApplicationName = "ticketing-platform";

    public static void AddPlatformDataProtection(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var dataProtection = builder.Services.AddDataProtection().PersistKeysToDbContext<PlatformDbContext>().SetApplicationName(ApplicationName);
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            // Fail closed: outside local runs, a key ring in plaintext next to the data it protects is not an option.
            if (!builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"))
            {
                throw new InvalidOperationException(
                    "DataProtection:CertificatePath is not set: the Data Protection key ring would be stored unencrypted. " +
                    "Mount a PEM certificate with its private key and set the path (docs/adr/0038-encrypted-key-ring.md).");
            }

            return;
        }

        var certificate = Load(options);
        // Encrypt new keys to the certificate, and decrypt with it without needing it in an OS certificate store.
        dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>
    /// Makes sure the ring has a key every node will use, before any node starts (the migrate command calls it). Nodes
    /// that start together on an empty ring each create a key of their own and cannot read each other's protected data
    /// until their rings refresh: the two-node drill (scripts/cluster.sh) saw 684 payments fail that way. With a key
    /// in place at start-up every node reads the same ring; later keys are made two days before they activate, as
    /// ASP.NET Core does by default, so every node has them in time.
    /// </summary>
    public static bool EnsureKey(IServiceProvider services, DateTimeOffset now)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(7)))
        {
            return false;
        }

        keys.CreateNewKey(now, now.AddDays(90));
        return true;
    }

    private static X509Certificate2 Load(KeyRingOptions options)
    {
        var path = options.CertificatePath!;
        if (!File.Exists(path))
        {
            if (!options.CreateCertificateIfMissing)
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath points to a missing file: {path}");
            }

            try
            {
                CreateSelfSigned(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process of the same local run created it first: use theirs.
            }
        }

        return X509Certificate2.CreateFromPemFile(path);
    }

    /// <summary>A local run's certificate: RSA 3072, ten years, readable by the owner only.</summary>
    private static void CreateSelfSigned(string path)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=ticketing-platform data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var pem = certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, create);
        using var writer = new StreamWriter(file);
        writer.Write(pem);
    }
}
