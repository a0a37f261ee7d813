using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Holds;

public static class HoldsExtensions
{
    public static IHostApplicationBuilder AddHolds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HoldOptions>().BindConfiguration(HoldOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<HoldService>();
        builder.Services.AddScoped<Outbox.IOutboxHandler, QuotaSettlement>();
        builder.Services.AddTransient<HoldCleanupJob>();
        builder.Services.AddHostedService<HoldCleanupRegistration>();
        return builder;
    }
}
