using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.Checkout;

/// <summary>Checkout:Idempotency settings.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Checkout:Idempotency";

    /// <summary>
    /// How long an unanswered claim is presumed alive. A retry within it answers 409 <c>idempotency_in_flight</c> with
    /// Retry-After; after it the retry takes the key over and performs the work (the first request, if it was merely
    /// slow, then fails at its commit instead of doing the work twice). Longer than a checkout request ever takes
    /// when healthy, short enough that a buyer whose node died is not locked out (ADR 0019).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);
}

public static class IdempotencyExtensions
{
    public static IHostApplicationBuilder AddIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<IdempotencyRecord>();
        // Tests replace it (before this runs, or after with Replace) to abort a request between two steps.
        builder.Services.TryAddSingleton<IIdempotencyFaults, NoIdempotencyFaults>();
        return builder;
    }
}
