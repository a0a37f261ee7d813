namespace Platform.Outbox;

/// <summary>One event as handed to a consumer.</summary>
public sealed record OutboxEvent(Guid Id, string Type, string Payload, DateTimeOffset OccurredAt);

/// <summary>
/// An outbox consumer: a lane of its own, with its own position in each tenant's event stream, so a slow consumer
/// (webhook fan-out, e-mail) never holds back another (quota settlement). It consumes a batch of one tenant's events
/// inside its lane's transaction (scoped; the tenant is set), adding its own rows to the same unit of work; its
/// position moves past the batch in that transaction, and <see cref="CommittedAsync"/> runs once it has committed.
/// </summary>
public interface IOutboxHandler
{
    /// <summary>The lane's name, stable across releases (it keys the lane's stored position).</summary>
    string Lane { get; }

    Task HandleAsync(IReadOnlyList<OutboxEvent> events, CancellationToken ct);

    Task CommittedAsync(CancellationToken ct);

    /// <summary>
    /// Runs on every periodic sweep of the tenant, to pick up work a crash left between commit and hand-off.
    /// </summary>
    Task RecoverAsync(CancellationToken ct);
}
