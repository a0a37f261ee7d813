using Platform.Tickets;
using Platform.Tickets.Ledger;
using Platform.Tickets.Transfers;

namespace Platform.UnitTests.Tickets;

public sealed class TicketRulesTests
{
    private static readonly DateTimeOffset Now = new(2030, 4, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TransferRefusal_NoSettings_Allowed() => Assert.Null(TransferRules.Refusal(null, 99, Now));

    [Theory]
    [InlineData(false, null, null, 0, "transfers_disabled")]
    [InlineData(true, -1, null, 0, "transfer_deadline_passed")]
    [InlineData(true, 0, null, 0, "transfer_deadline_passed")]
    [InlineData(true, 1, 2, 2, "transfer_limit_reached")]
    [InlineData(true, null, 0, 0, "transfer_limit_reached")]
    [InlineData(true, 1, 2, 1, null)]
    [InlineData(true, null, null, 50, null)]
    public void TransferRefusal_Settings_Decides(bool enabled, int? deadlineMinutesFromNow, int? max, int transfersSoFar, string? expected)
    {
        var settings = new EventTicketSettings
        {
            TransfersEnabled = enabled,
            TransferDeadline = deadlineMinutesFromNow is { } m ? Now.AddMinutes(m) : null,
            MaxTransfersPerTicket = max,
        };

        Assert.Equal(expected, TransferRules.Refusal(settings, transfersSoFar, Now)?.Code);
    }

    [Fact]
    public void LedgerHash_AnyFieldOrPrevHashChanged_DifferentHash()
    {
        var id = Guid.CreateVersion7();
        var ticket = Guid.CreateVersion7();
        var data = LedgerHash.Data(new Dictionary<string, string?> { ["b"] = "2", ["a"] = "1" });
        var baseline = LedgerHash.Compute(5, id, ticket, "issued", Now, "staff", data, LedgerHash.Genesis);

        Assert.Equal(baseline, LedgerHash.Compute(5, id, ticket, "issued", Now, "staff", data, LedgerHash.Genesis));
        Assert.Matches("^[0-9a-f]{64}$", baseline);
        Assert.Equal("{\"a\":\"1\",\"b\":\"2\"}", data);
        Assert.All(new[]
        {
            LedgerHash.Compute(6, id, ticket, "issued", Now, "staff", data, LedgerHash.Genesis),
            LedgerHash.Compute(5, Guid.CreateVersion7(), ticket, "issued", Now, "staff", data, LedgerHash.Genesis),
            LedgerHash.Compute(5, id, Guid.CreateVersion7(), "issued", Now, "staff", data, LedgerHash.Genesis),
            LedgerHash.Compute(5, id, ticket, "revoked", Now, "staff", data, LedgerHash.Genesis),
            LedgerHash.Compute(5, id, ticket, "issued", Now.AddTicks(10), "staff", data, LedgerHash.Genesis),
            LedgerHash.Compute(5, id, ticket, "issued", Now, null, data, LedgerHash.Genesis),
            LedgerHash.Compute(5, id, ticket, "issued", Now, "staff", "{}", LedgerHash.Genesis),
            LedgerHash.Compute(5, id, ticket, "issued", Now, "staff", data, new string('1', 64)),
        }, h => Assert.NotEqual(baseline, h));
    }
}
