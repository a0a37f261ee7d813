using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.SharedState;

public static class SharedStateExtensions
{
    /// <summary>
    /// The node's <see cref="ISharedLimitStore"/>: Redis when <c>Redis:Configuration</c> is set, else PostgreSQL when
    /// <c>SharedState:Store</c> says so, else a Redis store that is not enabled (every limit counted on the node).
    /// </summary>
    public static IHostApplicationBuilder AddSharedCounters(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SharedStateOptions>().BindConfiguration(SharedStateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SharedCounters>();
        builder.Services.TryAddSingleton<PostgresLimitStore>();
        builder.Services.TryAddSingleton<ISharedLimitStore>(sp =>
        {
            var redis = sp.GetRequiredService<SharedCounters>();
            return !redis.Enabled && sp.GetRequiredService<IOptions<SharedStateOptions>>().Value.Store == SharedLimitStoreKind.Postgres
                ? sp.GetRequiredService<PostgresLimitStore>()
                : new RedisLimitStore(redis);
        });
        return builder;
    }
}
