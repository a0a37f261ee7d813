using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Tickets.Ledger;

/// <summary>
/// hash = hex(SHA-256(UTF-8 of the canonical JSON of the entry)), where the canonical JSON is an object with exactly
/// these members in this order: seq, id, ticketId, kind, occurredAt (UTC, microseconds), actor, data (the stored
/// JSON text, as a string), prevHash. The first entry's prevHash is <see cref="Genesis"/>.
/// </summary>
internal static class LedgerHash
{
    public static readonly string Genesis = new('0', 64);

    public static string Compute(long seq, Guid id, Guid ticketId, string kind, DateTimeOffset occurredAt, string? actor, string data, string prevHash)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", seq);
            json.WriteString("id", id.ToString("D"));
            json.WriteString("ticketId", ticketId.ToString("D"));
            json.WriteString("kind", kind);
            json.WriteString("occurredAt", occurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            if (actor is null)
            {
                json.WriteNull("actor");
            }
            else
            {
                json.WriteString("actor", actor);
            }

            json.WriteString("data", data);
            json.WriteString("prevHash", prevHash);
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static string Compute(LedgerEntry e, long seq, string prevHash) =>
        Compute(seq, e.Id, e.TicketId, e.Kind, e.OccurredAt, e.Actor, e.Data, prevHash);

    /// <summary>The stored data text for a flat map of details (sorted keys, so equal details hash equally).</summary>
    public static string Data(IReadOnlyDictionary<string, string?>? details)
    {
        var sorted = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in details ?? new Dictionary<string, string?>())
        {
            sorted[k] = v;
        }

        return JsonSerializer.Serialize(sorted);
    }
}
