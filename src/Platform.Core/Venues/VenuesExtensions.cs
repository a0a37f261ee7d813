using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Samples;

namespace Platform.Venues;

public static class VenuesExtensions
{
    public static IHostApplicationBuilder AddVenues(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<VenueService>();
        builder.Services.AddScoped<Editing.VenueEditService>();
        builder.Services.AddScoped<ISampleSectionLoader, VenueSampleLoader>();
        return builder;
    }
}
