using System.Security.Cryptography;
using System.Text;
using Platform.Tickets.Ledger;

namespace Platform.UnitTests.Tickets;

/// <summary>
/// Known-answer vectors for the ledger hash (docs/tickets.md, ADR 0012). Anyone verifying an exported chain outside
/// this code base needs the exact bytes that are hashed; these pin them, so a change of format (member order, time
/// precision, escaping) is a visible, deliberate break rather than a silent one that only new entries would carry.
/// Each expected hash was computed outside .NET (Python's hashlib over the literal JSON below).
/// </summary>
public sealed class LedgerHashVectorTests
{
    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Compute_TransferEntryWithOffsetTimeAndQuotedData_KnownAnswer()
    {
        // 14:00:00.123456 at +02:00 is 12:00:00.123456 UTC; the data text is hashed as a JSON string, and the writer's
        // default encoder escapes its quotes as \u0022.
        var occurredAt = new DateTimeOffset(2030, 4, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4560);
        const string canonical =
            """{"seq":7,"id":"0190a5c4-6f00-7000-8000-000000000001","ticketId":"0190a5c4-6f00-7000-8000-0000000000aa","kind":"transferred","occurredAt":"2030-04-01T12:00:00.123456Z","actor":"staff:ada","data":"{\u0022toCodeVersion\u0022:\u00222\u0022}","prevHash":"abababababababababababababababababababababababababababababababab"}""";

        var hash = LedgerHash.Compute(7, Guid.Parse("0190a5c4-6f00-7000-8000-000000000001"), Guid.Parse("0190a5c4-6f00-7000-8000-0000000000aa"),
            "transferred", occurredAt, "staff:ada", """{"toCodeVersion":"2"}""", string.Concat(Enumerable.Repeat("ab", 32)));

        Assert.Equal("aabfca183a347d0d0370fea7000a6314a8c72a1674818c14a642744e5ceb62c3", hash);
        Assert.Equal(Sha256Hex(canonical), hash);
    }

    [Fact]
    public void Compute_FirstEntryWithoutActor_KnownAnswer()
    {
        const string canonical =
            """{"seq":1,"id":"0190a5c4-6f00-7000-8000-000000000002","ticketId":"0190a5c4-6f00-7000-8000-0000000000bb","kind":"issued","occurredAt":"2030-04-01T10:00:00.000000Z","actor":null,"data":"{}","prevHash":"0000000000000000000000000000000000000000000000000000000000000000"}""";

        var hash = LedgerHash.Compute(1, Guid.Parse("0190a5c4-6f00-7000-8000-000000000002"), Guid.Parse("0190a5c4-6f00-7000-8000-0000000000bb"),
            "issued", new DateTimeOffset(2030, 4, 1, 10, 0, 0, TimeSpan.Zero), null, "{}", LedgerHash.Genesis);

        Assert.Equal("bb64d58a23c49083a8fcaa3d6b58d4d14b7a09d8f6f606b1a26b6af866d8e9af", hash);
        Assert.Equal(Sha256Hex(canonical), hash);
    }
}
