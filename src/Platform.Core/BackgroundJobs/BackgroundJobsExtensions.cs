using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Persistence;

namespace Platform.BackgroundJobs;

public static class BackgroundJobsExtensions
{
    /// <summary>
    /// Hangfire on the platform database in its own schema, created by the migrate command (the application role
    /// cannot create schemas). Jobs take the tenant id as an argument and set it themselves.
    /// </summary>
    public static IHostApplicationBuilder AddBackgroundJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackgroundJobOptions>().BindConfiguration(BackgroundJobOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(BackgroundJobOptions.Section).Get<BackgroundJobOptions>() ?? new();
        // Hangfire's long polling LISTENs, so it takes the direct connection when the application's goes through PgBouncer.
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var connectionString = database.ListenerConnectionString;

        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = options.Schema,
                    PrepareSchemaIfNecessary = false,
                    // LISTEN/NOTIFY: an enqueued job (a webhook delivery) starts at once rather than at the next poll.
                    EnableLongPolling = true,
                }));

        if (options.RunServer)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.WorkerCount = options.WorkerCount;
                server.Queues = JobQueues.All;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
            });
        }

        return builder;
    }
}
