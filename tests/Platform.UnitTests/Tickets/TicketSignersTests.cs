using System.Buffers.Text;
using System.Security.Cryptography;
using Platform.Tickets.Codes;

namespace Platform.UnitTests.Tickets;

/// <summary>The reused signing keys (payments) sign with exactly the key stored, and decrypt it once.</summary>
public sealed class TicketSignersTests
{
    [Fact]
    public void Use_TwoStoredKeys_EachSignsWithItsOwnAndIsDecryptedOnce()
    {
        // Two tenants' keys (or a rotation): what signs must be the key stored under that ciphertext, never a pooled one
        // of another key — a code signed with the wrong key fails at every gate.
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6));
        var claims = new TicketCodeClaims(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, kid);
        var decrypted = new Dictionary<string, int>();
        string Sign(string stored, ECDsa key) => TicketSigners.Use(stored, () =>
        {
            decrypted[stored] = decrypted.GetValueOrDefault(stored) + 1;
            return key.ExportPkcs8PrivateKey();
        }, k => TicketCode.Sign(claims, k));
        var storedFirst = "first-" + Guid.NewGuid();
        var storedSecond = "second-" + Guid.NewGuid();

        var codes = Enumerable.Range(0, 3).Select(_ => (Sign(storedFirst, first), Sign(storedSecond, second))).ToList();

        Assert.All(codes, c =>
        {
            Assert.True(TicketVerifiers.Verify(TicketVerifiersTests.Public(kid, first), c.Item1));
            Assert.True(TicketVerifiers.Verify(TicketVerifiersTests.Public(kid, second), c.Item2));
            Assert.False(TicketVerifiers.Verify(TicketVerifiersTests.Public(kid, first), c.Item2));
        });
        Assert.Equal(1, decrypted[storedFirst]);
        Assert.Equal(1, decrypted[storedSecond]);
    }

    [Fact]
    public void Use_ConcurrentSigners_EveryCodeVerifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6));
        var stored = "concurrent-" + Guid.NewGuid();
        var codes = new string[128];

        Parallel.For(0, codes.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            codes[i] = TicketSigners.Use(stored, key.ExportPkcs8PrivateKey,
                k => TicketCode.Sign(new TicketCodeClaims(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, kid), k)));

        Assert.All(codes, c => Assert.True(TicketVerifiers.Verify(TicketVerifiersTests.Public(kid, key), c)));
    }
}
