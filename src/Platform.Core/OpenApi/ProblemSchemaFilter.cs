using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Platform.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// One <c>Problem</c> schema on every error answer instead of ASP.NET Core's bare ProblemDetails, so the SDKs type
/// what the API actually sends (issue #21): <c>code</c> as the enum of <see cref="ProblemCodes.All"/>, <c>errors</c>,
/// <c>requestId</c>. Every operation also documents the 503 <c>database_unavailable</c> any of them can answer, and
/// 429/503 declare Retry-After, which the SDKs' retries honour.
/// </summary>
internal sealed class ProblemSchemaFilter : IDocumentFilter
{
    public const string SchemaId = "Problem";
    public const string CodeSchemaId = "ProblemCode";
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components!.Schemas!;
        schemas[CodeSchemaId] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The machine-readable reason of a problem (docs/api.md, Errors). New codes may be added: clients must accept unknown ones.",
            Enum = [.. ProblemCodes.All.Select(c => (JsonNode)JsonValue.Create(c))],
        };
        schemas[SchemaId] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem, as every error answer carries it.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "title", "status", "requestId" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The RFC 9110 section of the status." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the status." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "What went wrong, for people." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["code"] = new OpenApiSchemaReference(CodeSchemaId, swaggerDoc),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object | JsonSchemaType.Null,
                    Description = "Each failing field (JSON path, camelCase) with its messages.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Matches the X-Request-Id header and the server logs." },
                ["traceId"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Description = "The request's W3C trace id, on every log line of the request and its trace.",
                },
                ["remaining"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32",
                    Description = "allocation_exceeded: how many tickets are left in the reseller's allocation; challenge_code_wrong: how many tries are left.",
                },
                ["challengeId"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Format = "uuid",
                    Description = "challenge_required: repeat the order request with this challengeId and the 6-digit challengeCode e-mailed to the buyer.",
                },
            },
        };

        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Responses ??= [];
            operation.Responses.TryAdd("503", new OpenApiResponse
            {
                Description = "The database is briefly out of reach: retry after Retry-After seconds (a POST with the same Idempotency-Key).",
            });
            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse answer || !(status.StartsWith('4') || status.StartsWith('5')))
                {
                    continue;
                }

                answer.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
                {
                    [ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(SchemaId, swaggerDoc) },
                };
                if (status is "429" or "503")
                {
                    answer.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                    answer.Headers["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    };
                }
            }
        }

        schemas.Remove("ProblemDetails");
    }
}
