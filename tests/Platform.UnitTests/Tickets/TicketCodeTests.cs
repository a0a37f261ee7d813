using System.Security.Cryptography;
using Platform.Tickets.Codes;
using Platform.Tickets.Issuance;

namespace Platform.UnitTests.Tickets;

public sealed class TicketCodeTests
{
    private static readonly TicketCodeClaims Claims = new(Guid.CreateVersion7(), Guid.CreateVersion7(), 3, "kid-AB_9");

    [Fact]
    public void Sign_ThenParseAndVerify_RoundTrips()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var payload = TicketCode.Sign(Claims, key);

        Assert.StartsWith("T1.", payload, StringComparison.Ordinal);
        Assert.True(TicketCode.TryParse(payload, out var parsed));
        Assert.Equal(Claims, parsed);
        Assert.True(TicketCode.VerifySignature(payload, key));
    }

    [Fact]
    public void VerifySignature_OtherKey_False()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(TicketCode.VerifySignature(TicketCode.Sign(Claims, key), other));
    }

    [Fact]
    public void VerifySignature_ChangedCodeVersion_False()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var original = TicketCode.Sign(Claims, key).Split('.');
        var forgedBody = TicketCode.Sign(Claims with { CodeVersion = 4 }, key).Split('.')[1];

        Assert.False(TicketCode.VerifySignature($"T1.{forgedBody}.{original[2]}", key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("T1")]
    [InlineData("T1..")]
    [InlineData("T2.AAAA.BBBB")]
    [InlineData("T1.AAAA.BBBB")]
    [InlineData("T1.AAAA.BBBB.CCCC")]
    [InlineData("T1.!!!!.BBBB")]
    [InlineData("T1.ÄÖÜ.BBBB")]
    public void TryParseAndVerify_Malformed_False(string? payload)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(TicketCode.TryParse(payload, out _));
        Assert.False(TicketCode.VerifySignature(payload, key));
    }

    [Fact]
    public void Payload_IsShortEnoughForASmallQr()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.InRange(TicketCode.Sign(Claims with { KeyId = "abcdefgh" }, key).Length, 100, 160);
    }

    [Fact]
    public void TicketNumbers_New_CrockfordGroupsAndDistinct()
    {
        var numbers = Enumerable.Range(0, 1000).Select(_ => TicketNumbers.New()).ToList();

        Assert.All(numbers, n => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", n));
        Assert.Equal(1000, numbers.Distinct().Count());
    }
}
