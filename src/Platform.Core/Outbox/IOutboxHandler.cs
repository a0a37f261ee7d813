namespace Platform.Outbox;

/// <summary>One undispatched event as handed to a consumer.</summary>
public sealed record OutboxEvent(Guid Id, string Type, string Payload, DateTimeOffset OccurredAt);

/// <summary>
/// Consumes a batch of one tenant's events inside the dispatcher's transaction (scoped; the tenant is set), adding
/// its own rows to the same unit of work; <see cref="CommittedAsync"/> runs once that transaction has committed.
/// </summary>
public interface IOutboxHandler
{
    Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct);

    Task CommittedAsync(CancellationToken ct);

    /// <summary>
    /// Runs on every periodic sweep of the tenant, to pick up work a crash left between commit and hand-off.
    /// </summary>
    Task RecoverAsync(CancellationToken ct);
}
