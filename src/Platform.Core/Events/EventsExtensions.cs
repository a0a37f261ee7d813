using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Events;

public static class EventsExtensions
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<EventService>();
        builder.Services.AddSingleton<SaleFacts.EventSaleFactsCache>();
        builder.Services.AddSingleton<IInterceptor, SaleFacts.SaleFactsInvalidation>();
        builder.Services.AddScoped<Samples.ISampleSectionLoader, EventSampleLoader>();
        return builder;
    }
}
