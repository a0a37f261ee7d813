using System.Text.Json;
using Platform.Persistence;

namespace Platform.Outbox;

/// <summary>
/// Records domain events in the caller's unit of work: the row commits with the domain change or not at all, never
/// separately. A trigger notifies the dispatcher when the transaction commits (PostgreSQL delivers NOTIFY on commit).
/// </summary>
public sealed class OutboxWriter(PlatformDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds an event of <paramref name="type"/> (e.g. order.paid) whose data is <paramref name="payload"/>.</summary>
    public Guid Add(string type, object payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(payload);
        var message = new OutboxMessage
        {
            Type = type,
            Payload = payload as string ?? JsonSerializer.Serialize(payload, payload.GetType(), Json),
            OccurredAt = clock.GetUtcNow(),
        };
        db.Add(message);
        return message.Id;
    }
}
