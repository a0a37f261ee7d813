using System.Text.Json;
using Ticketing.Platform.Sdk;

namespace Platform.Console.Services;

/// <summary>
/// The API's RFC 9457 problem as the console shows it: a title and detail for the form, and the field errors keyed
/// by the JSON path the API names (e.g. "reason", "lines[0].quantity") so each shows next to its field.
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, string? Code = null)
{
    /// <summary>No answer at all (status 0): the network is gone. The scanner then decides from its offline package.</summary>
    public static readonly ApiProblem Offline = new(0, "offline", null, new Dictionary<string, string[]>());

    public bool IsOffline => Status == 0;

    public string? For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages) : null;

    /// <summary>
    /// Reads the SDK's exception (kept here so the pages never see SDK types): the SDK's typed problem when it has one,
    /// else the raw body.
    /// </summary>
    public static ApiProblem From(PlatformApiException e)
    {
        if (e is PlatformProblemException { Result: { } typed } problem)
        {
            var fields = problem.Errors.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
            return new ApiProblem(e.StatusCode, typed.Title ?? $"HTTP {e.StatusCode}", typed.Detail, fields, problem.RawCode);
        }

        try
        {
            using var doc = JsonDocument.Parse(e.Response ?? "");
            var root = doc.RootElement;
            return new ApiProblem(e.StatusCode, root.TryGetProperty("title", out var t) ? t.GetString() ?? $"HTTP {e.StatusCode}" : $"HTTP {e.StatusCode}",
                root.TryGetProperty("detail", out var d) ? d.GetString() : null,
                root.TryGetProperty("errors", out var errors) ? FieldErrors(errors) : new Dictionary<string, string[]>(),
                root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page): the status alone says what happened.
            return new ApiProblem(e.StatusCode, $"HTTP {e.StatusCode}", null, new Dictionary<string, string[]>());
        }
    }

    private static Dictionary<string, string[]> FieldErrors(JsonElement errors)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                fields[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? [.. field.Value.EnumerateArray().Select(m => m.ToString())] : [field.Value.ToString()];
            }
        }

        return fields;
    }
}

/// <summary>An API answer: the value, or the problem the API gave instead.</summary>
public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}
