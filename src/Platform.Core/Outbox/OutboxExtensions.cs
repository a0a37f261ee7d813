using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Outbox;

public static class OutboxExtensions
{
    /// <summary>The OutboxWriter service for capabilities that emit events, and the dispatcher that fans them out.</summary>
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<OutboxWriter>();
        builder.Services.AddSingleton<HorizonWatch>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        if (builder.Configuration.GetValue($"{OutboxOptions.Section}:{nameof(OutboxOptions.RunDispatcher)}", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }

        return builder;
    }
}
