using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.Import;

/// <summary>Import from a legacy ticketing system (issue #18 item 4; ADR 0057).</summary>
public static class ImportExtensions
{
    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ImportPlanner>();
        builder.Services.AddScoped<ImportWriter>();
        builder.Services.AddScoped<ImportBulkInsert>();
        builder.Services.AddScoped<ImportMappingStore>();
        builder.Services.AddScoped<ImportService>();
        builder.Services.AddScoped<ImportJobRunner>();
        builder.Services.TryAddSingleton<IImportFaults, NoImportFaults>();
        return builder;
    }
}
