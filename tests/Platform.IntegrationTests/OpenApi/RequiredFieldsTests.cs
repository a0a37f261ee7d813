using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.OpenApi;

/// <summary>Issue #13 item 7: the document declares required and non-nullable fields from the code.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RequiredFieldsTests(PlatformFixture fixture)
{
    private async Task<JsonNode> SchemasAsync()
    {
        using var client = fixture.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;
    }

    private static string[] Required(JsonNode schemas, string name) =>
        [.. schemas[name]!["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []];

    private static bool Nullable(JsonNode schemas, string name, string property) =>
        schemas[name]!["properties"]![property]!["nullable"]?.GetValue<bool>() == true;

    [Fact]
    public async Task Answers_NonNullablePropertiesAreRequired_NullableOnesAreNot()
    {
        var schemas = await SchemasAsync();

        var hold = Required(schemas, "HoldResponse");
        Assert.Subset(new HashSet<string>(hold), new HashSet<string> { "id", "eventId", "occurrenceId", "channel", "state", "quantity", "expiresAt", "lines" });
        Assert.DoesNotContain("holdToken", hold);
        Assert.Contains("price", Required(schemas, "TicketTypeResponse"));
        Assert.Equal(["amount", "currency"], Required(schemas, "MoneyResponse").Order());
        Assert.DoesNotContain("description", Required(schemas, "EventResponse"));
        Assert.Contains("title", Required(schemas, "EventResponse"));
    }

    [Fact]
    public async Task Requests_FieldsTheValidatorRequires_AreRequiredAndNotNullable()
    {
        var schemas = await SchemasAsync();

        var hold = Required(schemas, "CreateHoldRequest");
        Assert.Subset(new HashSet<string>(hold), new HashSet<string> { "eventId", "occurrenceId", "lines" });
        Assert.DoesNotContain("buyerEmail", hold);
        Assert.DoesNotContain("channel", hold);
        Assert.False(Nullable(schemas, "CreateHoldRequest", "eventId"));
        Assert.True(Nullable(schemas, "CreateHoldRequest", "buyerEmail"));
        Assert.Subset(new HashSet<string>(Required(schemas, "TicketTypeRequest")), new HashSet<string> { "name", "kind", "price" });
        Assert.Equal(["amount", "currency"], Required(schemas, "MoneyRequest").Order());
    }

    [Fact]
    public async Task PublicHold_RequiresBuyerEmail_StaffHoldDoesNot()
    {
        using var client = fixture.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;

        var body = document["paths"]!["/api/v1/public/tenants/{tenant}/holds"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;

        Assert.Equal("#/components/schemas/CreatePublicHoldRequest", body["$ref"]!.GetValue<string>());
        Assert.Contains("buyerEmail", Required(schemas, "CreatePublicHoldRequest"));
        Assert.Contains("eventId", Required(schemas, "CreatePublicHoldRequest"));
        Assert.False(Nullable(schemas, "CreatePublicHoldRequest", "buyerEmail"));
    }

    [Fact]
    public async Task PricingRuleNumbers_AreIntegersInRequestsAsInAnswers()
    {
        var schemas = await SchemasAsync();

        foreach (var (property, format) in new[] { ("basisPoints", "int32"), ("amount", "int64") })
        {
            foreach (var schema in new[] { "PricingRuleRequest", "PricingRuleResponse" })
            {
                var p = schemas[schema]!["properties"]![property]!;
                Assert.Equal("integer", p["type"]!.GetValue<string>());
                Assert.Equal(format, p["format"]!.GetValue<string>());
            }
        }
    }
}
