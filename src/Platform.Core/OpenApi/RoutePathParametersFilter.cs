using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// Declares every route parameter of the path, even when the handler does not bind it. The {tenant} slug of the
/// public routes is read by tenant resolution, not by each handler, so without this the document would describe a
/// path whose parameter clients cannot see (and OpenAPI linters rightly reject it).
/// </summary>
internal sealed partial class RoutePathParametersFilter : IOperationFilter
{
    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = context.ApiDescription.RelativePath ?? "";
        operation.Parameters ??= [];
        foreach (Match match in RouteParameter().Matches(path))
        {
            var name = match.Groups["name"].Value;
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                continue;
            }

            operation.Parameters.Insert(0, new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = name == "tenant" ? "The tenant's slug, e.g. harbour-stadium." : null,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }
}
