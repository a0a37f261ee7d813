using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Persistence;

public static class PersistenceExtensions
{
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}"] ?? "";

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TenantSessionInterceptor>();
        services.AddSingleton(_ => CreateDataSource(connectionString));
        // The options are built once (optionsLifetime: Singleton), not per request: with the default (Scoped) every
        // request ran this lambda again — UseNpgsql, the naming convention, the warnings' immutable dictionary — and EF
        // then compared the new options with its cached ones to find its internal service provider: ~4–6 % of the bytes
        // a checkout request allocated (gc-verbose allocation profile, docs/benchmarks.md). Everything it uses is a
        // singleton: the data source, the tenant interceptor and the capabilities' interceptors.
        services.AddDbContext<PlatformDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetRequiredService<TenantSessionInterceptor>())
            // Checkout's saves carry statements of their own after EF's (PlatformDbContext.SendWithNextSave); EF's
            // warning about a trailing result set is meant for stored procedures, which the platform does not map.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.UnexpectedTrailingResultSetWhenSaving))
            // Capabilities add their own interceptors, e.g. the sale-facts cache invalidation; they must be singletons.
            .AddInterceptors(SingletonInterceptors(services, sp)), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddScoped<DatabaseMigrator>();
        return builder;
    }

    /// <summary>
    /// The capabilities' interceptors, refused unless every one is registered as a singleton. The options that hold them
    /// are built once per process, so a scoped or transient interceptor would silently become one instance shared by
    /// every request for the life of the process — state leaking between requests and tenants. Scope validation
    /// catches that only in Development and the tests; this check runs wherever the options are first built (the
    /// migration at start-up), so such a registration fails fast in Production too.
    /// </summary>
    internal static IEnumerable<IInterceptor> SingletonInterceptors(IServiceCollection services, IServiceProvider sp)
    {
        var notSingleton = services.Where(d => d.ServiceType == typeof(IInterceptor) && d.Lifetime != ServiceLifetime.Singleton).ToList();
        if (notSingleton.Count > 0)
        {
            throw new InvalidOperationException(
                "EF Core interceptors must be registered as singletons (the DbContext options are built once per process): " +
                string.Join(", ", notSingleton.Select(d => $"{d.ImplementationType?.Name ?? d.ServiceType.Name} ({d.Lifetime})")));
        }

        return sp.GetServices<IInterceptor>();
    }

    /// <summary>
    /// The application's pool. Nothing we do sets session state (the tenant and user settings are transaction-local),
    /// so the per-checkout DISCARD ALL is pure cost: it adds a round trip to every query and throws away prepared
    /// statements. Without it Npgsql can auto-prepare the hot queries. An explicit setting in the connection string wins.
    /// </summary>
    internal static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var explicitKeys = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && explicitKeys.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 100;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
