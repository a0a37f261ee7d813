using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// A request number the API reads as a decimal only so that a fractional value is answered 422 naming the field
/// (not a bare 400), but that must be a whole number: basis points, minor units. Documented as the integer it is,
/// the same type the answers carry (issue #13: pricing-rule numbers were doubles in requests, integers in answers).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WholeNumberAttribute(string format) : Attribute
{
    /// <summary>"int32" or "int64", as the answer's field.</summary>
    public string Format { get; } = format;
}

internal sealed class WholeNumberSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || !context.Type.IsClass)
        {
            return;
        }

        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<WholeNumberAttribute>() is not { } whole)
            {
                continue;
            }

            var key = properties.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            if (key is not null && properties[key] is OpenApiSchema number)
            {
                number.Type = JsonSchemaType.Integer | (number.Type ?? 0) & JsonSchemaType.Null;
                number.Format = whole.Format;
            }
        }
    }
}
