using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Platform.OpenApi;

public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static IHostApplicationBuilder AddPlatformOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Ticketing Platform API",
                Version = "v1",
                Description = "Multi-tenant ticketing: tenants, events, pricing, holds, orders, tickets and check-in. " +
                              "Conventions (money, pagination, errors, idempotency) are described in docs/api.md.",
            });
            options.SupportNonNullableReferenceTypes();
            options.DocumentFilter<OperationConventionsFilter>();
        });
        return builder;
    }

    /// <summary>
    /// The document at a stable URL (/openapi/v1.json) and Swagger UI at /swagger, both public: placed before
    /// authentication so the fallback policy does not hide the API's own description.
    /// </summary>
    public static WebApplication UsePlatformOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = DocumentRoute.TrimStart('/'));
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.SwaggerEndpoint($"/openapi/{DocumentName}.json", "Ticketing Platform API v1");
        });
        return app;
    }
}
