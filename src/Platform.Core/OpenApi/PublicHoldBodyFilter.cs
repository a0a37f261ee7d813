using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// Anonymous buyers and staff send the same hold body, but a buyer must give <c>buyerEmail</c> (per-buyer limits count
/// by it; HoldService answers 422 without it). The public operation gets its own schema, CreatePublicHoldRequest —
/// CreateHoldRequest with buyerEmail required — so the SDKs say so instead of the 422 (issue #13). Runs after
/// <see cref="RequiredPropertiesFilter"/> so the copy carries the fields required for both.
/// </summary>
internal sealed class PublicHoldBodyFilter : IDocumentFilter
{
    private const string OperationId = "CreatePublicHold";
    private const string SchemaId = "CreatePublicHoldRequest";
    private const string Email = "buyerEmail";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var operation = swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).FirstOrDefault(o => o.OperationId == OperationId);
        if (operation?.RequestBody?.Content?.TryGetValue("application/json", out var media) != true
            || media is not OpenApiMediaType { Schema: OpenApiSchemaReference { Reference.Id: { } baseId } } body
            || swaggerDoc.Components?.Schemas?.TryGetValue(baseId, out var found) != true
            || found is not OpenApiSchema { Properties: { } properties } shared
            || !properties.TryGetValue(Email, out var email))
        {
            throw new InvalidOperationException($"{OperationId} no longer takes a body with {Email}: update {nameof(PublicHoldBodyFilter)}.");
        }

        var schema = (OpenApiSchema)shared.CreateShallowCopy();
        schema.Description = "A hold placed by an anonymous buyer: as CreateHoldRequest, with buyerEmail required.";
        schema.Required = new HashSet<string>(shared.Required ?? new HashSet<string>(), StringComparer.Ordinal) { Email };
        var required = (OpenApiSchema)email.CreateShallowCopy();
        required.Type &= ~JsonSchemaType.Null;
        schema.Properties = new Dictionary<string, IOpenApiSchema>(properties, StringComparer.Ordinal) { [Email] = required };
        swaggerDoc.Components.Schemas[SchemaId] = schema;
        body.Schema = new OpenApiSchemaReference(SchemaId, swaggerDoc);
    }
}
