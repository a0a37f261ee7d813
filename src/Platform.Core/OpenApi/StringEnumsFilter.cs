using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// Strings the API reads or writes from a closed set but keeps as <c>string</c> in C# (so an unknown value is a 422
/// naming the field, not a 400), documented as the enums they are (issue #21): the payment <c>method</c> (and the
/// <c>provider</c> that took a payment), a payment's <c>kind</c> and <c>status</c>, and ListEvents' <c>status</c>
/// filter. Also marks the <c>object</c> field that tells a paid order (200) from a payment session (202) apart.
/// </summary>
internal sealed class StringEnumsFilter : IDocumentFilter
{
    /// <summary>The providers' names (IPaymentProvider.Name / IPaymentSessionProvider.Name).</summary>
    public static readonly string[] PaymentMethods = ["sandbox", "cash", "card_terminal", "stripe"];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components!.Schemas!;
        Define(schemas, "PaymentMethod", "How an order is paid: sandbox (test mode), cash and card_terminal (box office), stripe.", PaymentMethods);
        Define(schemas, "PaymentKind", "A payment taken, or a refund of one.", ["payment", "refund"]);
        Define(schemas, "PaymentStatus", "Whether the provider took the money.", ["succeeded", "failed"]);

        Point(swaggerDoc, "PayRequest", "method", "PaymentMethod");
        Point(swaggerDoc, "PaymentResponse", "provider", "PaymentMethod");
        Point(swaggerDoc, "PaymentResponse", "kind", "PaymentKind");
        Point(swaggerDoc, "PaymentResponse", "status", "PaymentStatus");
        Constant(schemas, "OrderResponse", "order");
        Constant(schemas, "PaymentSessionResponse", "payment_session");

        var listEvents = swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).Single(o => o.OperationId == "ListEvents");
        if (listEvents.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "status") is not { } status)
        {
            throw new InvalidOperationException($"ListEvents no longer takes ?status: update {nameof(StringEnumsFilter)}.");
        }

        status.Schema = new OpenApiSchemaReference("EventStatus", swaggerDoc);
    }

    private static void Define(IDictionary<string, IOpenApiSchema> schemas, string id, string description, string[] values) =>
        schemas[id] = new OpenApiSchema { Type = JsonSchemaType.String, Description = description, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    private static void Point(OpenApiDocument doc, string schemaId, string property, string enumId)
    {
        if (doc.Components!.Schemas![schemaId] is not OpenApiSchema { Properties: { } properties } || !properties.ContainsKey(property))
        {
            throw new InvalidOperationException($"{schemaId}.{property} is gone: update {nameof(StringEnumsFilter)}.");
        }

        // PayRequest.method may be null on the wire (the sandbox), but it is optional: clients omit it rather than send null,
        // and OpenAPI 3.0 cannot mark a $ref nullable.
        properties[property] = new OpenApiSchemaReference(enumId, doc);
    }

    /// <summary>The discriminator: a field with one possible value, so a client tells the answers apart by it.</summary>
    private static void Constant(IDictionary<string, IOpenApiSchema> schemas, string schemaId, string value)
    {
        if (schemas[schemaId] is not OpenApiSchema { Properties: { } properties } schema || !properties.TryGetValue("object", out var found) || found is not OpenApiSchema field)
        {
            throw new InvalidOperationException($"{schemaId} has no 'object' field: update {nameof(StringEnumsFilter)}.");
        }

        field.Enum = [JsonValue.Create(value)];
        field.Description = "What this answer is (a discriminator): \"" + value + "\".";
        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        schema.Required.Add("object");
    }
}
