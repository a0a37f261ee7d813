using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Samples;

public static class SamplesExtensions
{
    public static IHostApplicationBuilder AddSampleTenants(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SampleTenantLoader>();
        return builder;
    }
}
