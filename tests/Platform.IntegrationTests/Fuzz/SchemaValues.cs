using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Fuzz;

/// <summary>
/// Well-formed values for an OpenAPI 3.0 schema of the served document: the right JSON types, formats (uuid,
/// date-time, byte) and enum values, plus plausible text for fields whose names say what they hold, so valid cases
/// get past the JSON reader and reach validators and handlers. All randomness comes from the given Random.
/// </summary>
internal sealed class SchemaValues(JsonElement schemas, Random random)
{
    private static readonly string[] Words = ["Konzerthaus", "Main hall", "东京 Dome", "Gala night", "Früh", "a", "Box office 2"];

    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() > 0)
        {
            return Resolve(all[0]);
        }

        return schema;
    }

    public JsonNode? Value(JsonElement schema, string name, int depth = 0)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean() && random.Next(20) == 0)
        {
            return null;
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return JsonValue.Create(values[random.Next(values.GetArrayLength())].GetString());
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : schema.TryGetProperty("properties", out _) ? "object" : "string";
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return type switch
        {
            "object" => Object(schema, depth),
            "array" => Array(schema, name, depth),
            "integer" => JsonValue.Create(random.Next(4) == 0 ? random.Next(0, 1000) : random.Next(0, 10)),
            "number" => JsonValue.Create(random.Next(0, 5000)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => JsonValue.Create(Text(format, name)),
        };
    }

    public string Text(string? format, string name) => format switch
    {
        "uuid" => Guid(),
        "date-time" => new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(-24 * 400, 24 * 400))
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "byte" => Convert.ToBase64String(Guid().Select(c => (byte)c).ToArray()),
        _ => Named(name.ToLowerInvariant()),
    };

    public string Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private string Named(string name) => name switch
    {
        _ when name.Contains("currency") => random.Next(4) == 0 ? "JPY" : "EUR",
        _ when name.Contains("timezone") => random.Next(2) == 0 ? "Europe/Berlin" : "Asia/Shanghai",
        _ when name.Contains("locale") => random.Next(2) == 0 ? "en" : "zh-CN",
        _ when name.Contains("email") => $"fuzz-{random.Next(1_000_000)}@example.com",
        _ when name.Contains("url") || name.Contains("host") => $"https://fuzz{random.Next(1000)}.example.com/hook",
        _ when name.Contains("color") => $"#{random.Next(0x1000000):x6}",
        _ when name.Contains("slug") || name.Contains("tenant") => $"fuzz-{random.Next(1_000_000)}",
        _ when name.Contains("password") => $"Fuzz-pass-{random.Next(1_000_000)}",
        _ when name.Contains("scope") => random.Next(2) == 0 ? "events:read" : "orders:write",
        _ when name.Contains("code") => $"CODE{random.Next(100_000)}",
        _ when name is "id" || name.EndsWith("id", StringComparison.Ordinal) => Guid(),
        _ => Words[random.Next(Words.Length)],
    };

    private JsonObject Object(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (depth < 6 && random.Next(10) < 8)
                {
                    result[property.Name] = Value(property.Value, property.Name, depth + 1);
                }
            }
        }
        else if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            for (var i = random.Next(3); i > 0; i--)
            {
                result[$"key{i}"] = Value(values, "value", depth + 1);
            }
        }

        return result;
    }

    private JsonArray Array(JsonElement schema, string name, int depth)
    {
        var result = new JsonArray();
        if (schema.TryGetProperty("items", out var items) && depth < 6)
        {
            for (var i = random.Next(4); i > 0; i--)
            {
                result.Add(Value(items, name.TrimEnd('s'), depth + 1));
            }
        }

        return result;
    }
}
