using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Http;

namespace Platform.CashUp;

/// <summary>The box office's cash-up (issue #15 item 5); selling itself uses the staff hold → order → payment API.</summary>
public static class CashUpExtensions
{
    public static IHostApplicationBuilder AddCashUp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CashUpService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCashUpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/box-office").WithTags("Box office").WithStandardProblems().MapCashUp();
        return app;
    }
}
