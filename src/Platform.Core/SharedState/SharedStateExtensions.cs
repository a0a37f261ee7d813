using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.SharedState;

public static class SharedStateExtensions
{
    /// <summary>The node's <see cref="SharedCounters"/> (Redis when <c>Redis:Configuration</c> is set).</summary>
    public static IHostApplicationBuilder AddSharedCounters(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SharedCounters>();
        return builder;
    }
}
