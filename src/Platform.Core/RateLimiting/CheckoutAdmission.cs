using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.Http;

namespace Platform.RateLimiting;

/// <summary>
/// Admission control for a hot on-sale. It counts the checkout requests (holds, orders, payments: endpoints marked
/// with <see cref="CheckoutAdmissionExtensions.RequireCheckoutAdmission{TBuilder}"/>) this node is working on, and
/// refuses a NEW hold at once — 429 <c>checkout_busy</c>, Retry-After 1 — while that count is at
/// <see cref="AdmissionLimit.MaxInFlight"/>. Orders and payments are never refused here: a buyer who already holds
/// tickets must be able to finish, and they are what fills the node (measured in S4: gating only concurrent holds let
/// in more buyers than the node could finish, and the pile of orders and payments made even the 429s slow).
/// Per-caller token buckets cannot do this: half a million visitors come from half a million addresses.
/// With Redis configured the same requests are also counted across all nodes (<see cref="ClusterAdmission"/>), and a
/// new hold is refused when either count is full; while Redis is unavailable the node's own count decides alone.
/// </summary>
public sealed class CheckoutAdmission(IOptions<RateLimitOptions> options, ClusterAdmission cluster)
{
    public const string Code = "checkout_busy";

    private readonly int maxInFlight = options.Value.CheckoutAdmission.MaxInFlight;

    private int inFlight;

    /// <summary>Checkout requests in progress on this node.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint()?.Metadata.GetMetadata<CheckoutAdmissionMetadata>() is not { } step)
        {
            await next(context);
            return;
        }

        var now = Interlocked.Increment(ref inFlight);
        // The request stops counting when its response starts: its work is done, and the client's next request (a
        // buyer's order right after the hold) can arrive before the response has finished writing.
        var counted = 1;
        string? lease = null;
        void Leave()
        {
            if (Interlocked.Exchange(ref counted, 0) == 1)
            {
                Interlocked.Decrement(ref inFlight);
                if (!string.IsNullOrEmpty(lease))
                {
                    _ = cluster.LeaveAsync(lease);
                }
            }
        }

        context.Response.OnStarting(() =>
        {
            Leave();
            return Task.CompletedTask;
        });
        try
        {
            // The node's own cap first: a request it refuses costs no Redis round trip.
            var admitted = !(step.Entry && now > maxInFlight);
            if (admitted && cluster.Enabled)
            {
                lease = await cluster.EnterAsync(step.Entry);
                admitted = lease != "";
            }

            if (!admitted)
            {
                context.Response.Headers.RetryAfter = "1";
                await ApiProblems.Create(StatusCodes.Status429TooManyRequests, Code,
                    "Checkout is at capacity right now; retry after 1 second.").ExecuteAsync(context);
                return;
            }

            await next(context);
        }
        finally
        {
            Leave();
        }
    }
}

/// <summary>Marks a checkout step: <see cref="Entry"/> (a new hold) may be refused, the steps after it never.</summary>
public sealed record CheckoutAdmissionMetadata(bool Entry);

public static class CheckoutAdmissionExtensions
{
    public static TBuilder RequireCheckoutAdmission<TBuilder>(this TBuilder builder, bool entry = true) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CheckoutAdmissionMetadata(entry));
}
