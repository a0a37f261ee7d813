using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Platform.Authorization;
using Platform.Persistence;

namespace Platform.Auditing;

/// <summary>One changed field, as recorded in the audit log.</summary>
public sealed record FieldChange(object? From, object? To);

/// <summary>
/// Adds audit entries to the caller's unit of work, so an entry commits (or rolls back) with the change it describes.
/// </summary>
public sealed class AuditLog(PlatformDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(string action, string entityType, string entityId, IReadOnlyDictionary<string, FieldChange>? changes = null)
    {
        db.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            Actor = CurrentActor(),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes, Json) : null,
        });
    }

    private string CurrentActor()
    {
        var user = http.HttpContext?.User;
        return user?.FindFirst(PlatformClaims.Subject)?.Value
               ?? user?.FindFirst(PlatformClaims.ClientId)?.Value
               ?? "system";
    }
}

/// <summary>Collects field changes for an audit entry, only where the value really changed.</summary>
public sealed class ChangeSet
{
    private readonly Dictionary<string, FieldChange> changes = [];

    public IReadOnlyDictionary<string, FieldChange> Changes => changes;

    /// <summary>Applies <paramref name="value"/> when it is given and differs; records the change.</summary>
    public void Set<T>(string field, T current, T? value, Action<T> apply)
    {
        if (value is null || EqualityComparer<T>.Default.Equals(current, value))
        {
            return;
        }

        changes[field] = new FieldChange(current, value);
        apply(value);
    }
}
