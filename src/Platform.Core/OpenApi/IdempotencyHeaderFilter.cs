using Microsoft.OpenApi;
using Platform.Checkout;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// Declares <c>Idempotency-Key</c> on the POSTs that honour it (endpoints marked <see cref="IdempotentEndpointMetadata"/>)
/// and <c>Idempotent-Replayed</c> on their success answers, so the SDKs type the header and know which POSTs they may
/// retry (issue #21).
/// </summary>
internal sealed class IdempotencyHeaderFilter : IOperationFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!string.Equals(context.ApiDescription.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)
            || !context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpointMetadata>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes the POST safe to retry: the same key with the same body within 24 h answers the first response again (docs/api.md, Idempotency).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
        });
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status.StartsWith('2') && response is OpenApiResponse answer)
            {
                answer.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                answer.Headers[ReplayedHeader] = new OpenApiHeader
                {
                    Description = "\"true\" when this is the stored answer of an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] },
                };
            }
        }
    }
}
