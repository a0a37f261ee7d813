namespace Platform.Checkout;

/// <summary>
/// Marks an endpoint whose POST honours Idempotency-Key (<see cref="IdempotencyFilter"/>), so the OpenAPI document
/// can declare the header and the Idempotent-Replayed answer header on exactly those operations.
/// </summary>
public sealed class IdempotentEndpointMetadata
{
    public static readonly IdempotentEndpointMetadata Instance = new();
}
