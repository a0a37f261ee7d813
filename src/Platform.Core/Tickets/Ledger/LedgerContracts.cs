using System.Text.Json;

namespace Platform.Tickets.Ledger;

/// <summary>One ledger entry; seq, prevHash and hash are null until the entry is sealed into the chain (moments after it commits).</summary>
public sealed record LedgerEntryResponse(Guid Id, long? Seq, Guid TicketId, string Kind, DateTimeOffset OccurredAt, string? Actor,
    IReadOnlyDictionary<string, string?> Data, string? PrevHash, string? Hash);

/// <summary>Whether a chain (or a ticket's part of it) verifies; problem is missing_entry, broken_link or altered_entry at firstInvalidSeq.</summary>
public sealed record LedgerVerificationResponse(bool Valid, long CheckedEntries, long HeadSeq, long? FirstInvalidSeq, string? Problem);

public sealed record TicketHistoryResponse(Guid TicketId, IReadOnlyList<LedgerEntryResponse> Entries, LedgerVerificationResponse Verification);

internal static class LedgerContracts
{
    public static LedgerEntryResponse ToResponse(LedgerEntry e) =>
        new(e.Id, e.Seq, e.TicketId, e.Kind, e.OccurredAt, e.Actor, Parse(e.Data), e.PrevHash, e.Hash);

    public static LedgerVerificationResponse ToResponse(LedgerVerification v) => new(v.Valid, v.CheckedEntries, v.HeadSeq, v.FirstInvalidSeq, v.Problem);

    private static Dictionary<string, string?> Parse(string data)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        }
        catch (JsonException)
        {
            // A tampered entry may no longer be a flat map; verification reports it, the listing shows it empty.
            return [];
        }
    }
}
