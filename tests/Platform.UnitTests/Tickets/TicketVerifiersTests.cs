using System.Buffers.Text;
using System.Security.Cryptography;
using Platform.Tickets.Codes;

namespace Platform.UnitTests.Tickets;

/// <summary>The reused verifiers (gate scans) answer exactly what a freshly imported key answers.</summary>
public sealed class TicketVerifiersTests
{
    [Fact]
    public void Verify_SameKidOtherKey_RefusesAndNeverReusesTheFirstKeysVerifier()
    {
        // Two keys that share a kid (two tenants, or a key id reused): a verifier cached for the first must not be used
        // for the second, or a code signed by one tenant's key would pass at another tenant's gate.
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6));
        var claims = new TicketCodeClaims(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, kid);
        var signedByFirst = TicketCode.Sign(claims, first);
        var signedBySecond = TicketCode.Sign(claims, second);

        Assert.True(TicketVerifiers.Verify(Public(kid, first), signedByFirst));
        Assert.False(TicketVerifiers.Verify(Public(kid, second), signedByFirst));
        Assert.True(TicketVerifiers.Verify(Public(kid, second), signedBySecond));
        Assert.False(TicketVerifiers.Verify(Public(kid, first), signedBySecond));
    }

    [Fact]
    public void Verify_ConcurrentScans_EachAnswerMatchesItsPayload()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6));
        var published = Public(kid, key);
        var good = Enumerable.Range(0, 64).Select(_ => TicketCode.Sign(new TicketCodeClaims(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, kid), key))
            .ToArray();
        // A forged twin of each: one character inside the signature changed (the last one also carries padding bits).
        var forged = good.Select(p => p[..^10] + (p[^10] == 'A' ? 'B' : 'A') + p[^9..]).ToArray();

        var answers = new bool[good.Length * 2];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => answers[i] = TicketVerifiers.Verify(published, i % 2 == 0 ? good[i / 2] : forged[i / 2]));

        Assert.All(Enumerable.Range(0, answers.Length), i => Assert.Equal(i % 2 == 0, answers[i]));
    }

    /// <summary>The key as the tenant publishes it (also used by <see cref="TicketSignersTests"/>).</summary>
    internal static TicketPublicKey Public(string kid, ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return new TicketPublicKey(kid, Base64Url.EncodeToString(p.Q.X), Base64Url.EncodeToString(p.Q.Y), "active", DateTimeOffset.UtcNow, null);
    }
}
