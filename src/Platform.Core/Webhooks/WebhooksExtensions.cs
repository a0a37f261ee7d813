using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Outbox;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.Webhooks;

public static class WebhooksExtensions
{
    /// <summary>Endpoints, the fan-out lane, signed delivery by a worker pool with retries, the SSRF guard and the log cleanup.</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookUrlGuard>();
        services.AddScoped<IOutboxHandler, WebhookFanOut>();
        services.AddScoped<WebhookDeliveryBatch>();
        services.AddSingleton<WebhookDeliveryPool>();
        if (builder.Configuration.GetValue($"{WebhookOptions.Section}:{nameof(WebhookOptions.RunDeliveryPool)}", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryPool>());
        }

        services.AddScoped<WebhookCleanupJob>();
        services.AddScoped<WebhookDisabledNotifier>();
        services.AddSingleton<WebhookSecretVault>();
        services.AddHostedService<WebhookRecurringJobs>();
        services.ConfigureSwaggerGen(o => o.DocumentFilter<WebhookEventsDocumentFilter>());
        services.AddHttpClient<WebhookSender>((sp, client) =>
            {
                client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Platform-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var guard = sp.GetRequiredService<WebhookUrlGuard>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    AutomaticDecompression = DecompressionMethods.None,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = guard.ConnectAsync,
                };
            })
            // Every attempt is already in the delivery log (webhook_attempts) and the platform.webhook.attempts metric;
            // the factory's default handler loggers would add four Information lines per delivery at the default level.
            .RemoveAllLoggers();
        return builder;
    }

    /// <summary>/api/v1/webhooks: endpoints, deliveries, attempts, redelivery and the test ping.</summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        WebhookEndpoints.Map(app);
        return app;
    }
}
