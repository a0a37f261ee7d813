using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Platform.Identity.OAuth;

/// <summary>
/// OpenIddict's application manager with a stronger client-secret hash: PBKDF2-HMAC-SHA512 with 210,000 iterations
/// (OWASP's figure) instead of the default 10,000, in OpenIddict's own format (0x01, PRF, iterations, salt length,
/// salt, subkey), so OpenIddict's verification, which reads the parameters from the stored value, keeps working.
/// </summary>
internal sealed class SlowSecretApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public const int Iterations = 210_000;
    private const uint Sha512Prf = 2;
    private const int SaltLength = 16;
    private const int SubkeyLength = 64;

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var subkey = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA512, SubkeyLength);
        var payload = new byte[13 + SaltLength + SubkeyLength];
        payload[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), Sha512Prf);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(5), Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(9), SaltLength);
        salt.CopyTo(payload, 13);
        subkey.CopyTo(payload, 13 + SaltLength);
        return ValueTask.FromResult(Convert.ToBase64String(payload));
    }
}
