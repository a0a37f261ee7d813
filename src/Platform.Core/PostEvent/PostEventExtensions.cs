using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.PostEvent.Counts;
using Platform.PostEvent.Incidents;
using Platform.PostEvent.Notes;
using Platform.PostEvent.Report;

namespace Platform.PostEvent;

/// <summary>The post-event report and the durable record it needs (issue #17 item 5; ADR 0051).</summary>
public static class PostEventExtensions
{
    public static IHostApplicationBuilder AddPostEventReport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PostEventOptions>().BindConfiguration(PostEventOptions.Section);
        builder.Services.AddSingleton<EventOutcomeBuffer>();
        builder.Services.AddSingleton<PageViewBuffer>();
        builder.Services.AddSingleton<EventOutcomeFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventOutcomeFlusher>());
        builder.Services.AddScoped<AlertReceiver>();
        builder.Services.AddScoped<ReportNotes>();
        builder.Services.AddScoped<PostEventReports>();
        return builder;
    }
}
