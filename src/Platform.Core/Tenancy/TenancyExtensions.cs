using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Tenancy;

public static class TenancyExtensions
{
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenancyOptions>().BindConfiguration(TenancyOptions.Section);
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddScoped<Administration.TenantAdministration>();
        return builder;
    }

    /// <summary>Resolves the request's tenant; place after authentication and before authorization.</summary>
    public static WebApplication UseTenancy(this WebApplication app)
    {
        app.UseMiddleware<TenantResolutionMiddleware>();
        return app;
    }
}
