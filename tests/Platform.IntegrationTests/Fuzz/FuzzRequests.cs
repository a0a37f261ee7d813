using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Fuzz;

/// <summary>One operation of the OpenAPI document: method, path template and its description.</summary>
internal sealed record FuzzOperation(string Method, string Path, string Id, JsonElement Operation)
{
    public IEnumerable<JsonElement> Parameters(string location) =>
        Operation.TryGetProperty("parameters", out var all) ? all.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location) : [];

    public JsonElement? BodySchema =>
        Operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
            ? json.GetProperty("schema")
            : null;

    public static IReadOnlyList<FuzzOperation> All(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty("responses", out _))
                .Select(op => new FuzzOperation(op.Name.ToUpperInvariant(), path.Name,
                    op.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{op.Name} {path.Name}", op.Value)))
            .OrderBy(o => o.Id, StringComparer.Ordinal)];
}

/// <summary>Who sends a case: nobody, a tenant owner, a platform admin or an API client, each with every scope.</summary>
internal enum FuzzCaller { Anonymous, Owner, PlatformAdmin, ApiClient }

/// <summary>
/// Builds one request for one case from a Random seeded by (run seed, operation, case index): either entirely
/// well-formed, or well-formed except for one hostile part (a body field, the whole body, a query parameter, a route
/// value or a header).
/// </summary>
internal sealed class FuzzRequests(JsonElement schemas, string tenantSlug)
{
    private const string Slot = "@@FUZZ_SLOT@@";

    public (HttpRequestMessage Request, FuzzCaller Caller, string Description) Build(FuzzOperation operation, Random random)
    {
        var values = new SchemaValues(schemas, random);
        var target = (Target)random.Next(Enum.GetValues<Target>().Length);
        var caller = (FuzzCaller)random.Next(4);
        var description = new StringBuilder($"{operation.Method} ");

        var path = BuildPath(operation, values, random, target == Target.Route);
        var query = BuildQuery(operation, values, random, target == Target.Query);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(path + query, UriKind.Relative));
        description.Append(Shorten(path + query));

        foreach (var header in operation.Parameters("header"))
        {
            var name = header.GetProperty("name").GetString()!;
            request.Headers.TryAddWithoutValidation(name, ValidHeader(name, values, random));
        }

        if (target == Target.Header)
        {
            var (name, value) = HostileHeader(operation, caller, random);
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
            description.Append($" header {name}: {Shorten(value)}");
        }

        if (operation.BodySchema is { } schema)
        {
            var (json, what) = BuildBody(values.Value(schema, "body"), random, target);
            var content = new ByteArrayContent(HostileValues.Encode(json));
            var contentType = target == Target.ContentType
                ? HostileValues.ContentTypes[random.Next(HostileValues.ContentTypes.Length)]
                : "application/json";
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content = content;
            description.Append($" body {what}: {Shorten(json)} ({contentType})");
        }

        return (request, caller, description.ToString());
    }

    private enum Target { None, None2, None3, BodyField, BodyField2, WholeBody, Query, Route, Header, ContentType }

    private string BuildPath(FuzzOperation operation, SchemaValues values, Random random, bool hostile)
    {
        var parameters = operation.Parameters("path").ToList();
        var hostileIndex = hostile && parameters.Count > 0 ? random.Next(parameters.Count) : -1;
        var path = operation.Path;
        for (var i = 0; i < parameters.Count; i++)
        {
            var name = parameters[i].GetProperty("name").GetString()!;
            var format = values.Resolve(parameters[i].GetProperty("schema")).TryGetProperty("format", out var f) ? f.GetString() : null;
            var value = i == hostileIndex
                ? HostileValues.PathValues[random.Next(HostileValues.PathValues.Length)]
                : Uri.EscapeDataString(name == "tenant" ? tenantSlug : values.Text(format, name));
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static string BuildQuery(FuzzOperation operation, SchemaValues values, Random random, bool hostile)
    {
        var parts = new List<string>();
        var parameters = operation.Parameters("query").ToList();
        foreach (var parameter in parameters)
        {
            if (random.Next(2) == 0)
            {
                var name = parameter.GetProperty("name").GetString()!;
                parts.Add($"{name}={Uri.EscapeDataString(Scalar(values.Value(parameter.GetProperty("schema"), name)))}");
            }
        }

        if (hostile)
        {
            var name = parameters.Count > 0 && random.Next(5) > 0 ? parameters[random.Next(parameters.Count)].GetProperty("name").GetString()! : "unknown";
            var value = random.Next(4) == 0
                ? HostileValues.RawQueryValues[random.Next(HostileValues.RawQueryValues.Length)]
                : Uri.EscapeDataString(HostileValues.QueryValues[random.Next(HostileValues.QueryValues.Length)]);
            parts.Add($"{name}={value}");
            if (random.Next(3) == 0)
            {
                parts.Add($"{name}={value}");
            }
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private static string ValidHeader(string name, SchemaValues values, Random random) => name switch
    {
        "If-Match" => $"\"{random.Next(1, 5000)}\"",
        "Stripe-Signature" => $"t={random.Next()},v1={values.Guid().Replace("-", "", StringComparison.Ordinal)}",
        _ => Convert.ToBase64String(Encoding.UTF8.GetBytes(values.Guid())).TrimEnd('='),
    };

    private static (string Name, string Value) HostileHeader(FuzzOperation operation, FuzzCaller caller, Random random)
    {
        var names = operation.Parameters("header").Select(p => p.GetProperty("name").GetString()!)
            .Concat(["Idempotency-Key", "X-Request-Id", "Accept", "Accept-Language", "If-None-Match", "X-Forwarded-For"])
            .Concat(caller == FuzzCaller.Anonymous ? ["Authorization", "Authorization", "Authorization"] : [])
            .ToList();
        var name = names[random.Next(names.Count)];
        var pool = name == "Authorization" ? HostileValues.Authorizations : HostileValues.HeaderValues;
        return (name, pool[random.Next(pool.Length)]);
    }

    private static (string Json, string What) BuildBody(JsonNode? valid, Random random, Target target)
    {
        if (target == Target.WholeBody)
        {
            return (HostileValues.WholeBodies[random.Next(HostileValues.WholeBodies.Length)], "whole");
        }

        if (target is not (Target.BodyField or Target.BodyField2))
        {
            return (valid?.ToJsonString() ?? "null", "valid");
        }

        var pool = random.Next(8) == 0 ? HostileValues.LargeJsonFragments : HostileValues.JsonFragments;
        var fragment = pool[random.Next(pool.Length)];
        var slots = Slots(valid).ToList();
        if (valid is JsonObject root && (slots.Count == 0 || random.Next(5) == 0))
        {
            // A property the request does not have (or one more, for a request without properties).
            root["unexpected" + random.Next(3)] = Slot;
            return (root.ToJsonString().Replace($"\"{Slot}\"", fragment, StringComparison.Ordinal), "extra field");
        }

        if (slots.Count == 0)
        {
            return (fragment, "fragment");
        }

        var (parent, key, index) = slots[random.Next(slots.Count)];
        if (parent is JsonObject obj)
        {
            obj[key!] = Slot;
        }
        else
        {
            ((JsonArray)parent)[index] = Slot;
        }

        return (valid!.ToJsonString().Replace($"\"{Slot}\"", fragment, StringComparison.Ordinal), $"field {key ?? index.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Every place in the tree a value sits: object properties and array items, nested ones included.</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    yield return (obj, key, -1);
                    foreach (var inner in Slots(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i);
                    foreach (var inner in Slots(array[i]))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>A printable excerpt: control characters and surrogates shown as \uXXXX so a report stays readable.</summary>
    public static string Shorten(string text)
    {
        var excerpt = text.Length <= 160 ? text : text[..120];
        var printable = string.Concat(excerpt.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length <= 160 ? printable : printable + $"…({text.Length} chars)";
    }
}
