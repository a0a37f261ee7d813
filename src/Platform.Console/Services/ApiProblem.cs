using System.Text.Json;
using Ticketing.Platform.Sdk;

namespace Platform.Console.Services;

/// <summary>
/// The API's RFC 9457 problem as the console shows it: a title and detail for the form, and the field errors keyed
/// by the JSON path the API names (e.g. "reason", "lines[0].quantity") so each shows next to its field.
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public string? For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages) : null;

    /// <summary>Reads the SDK's exception (kept here so the SDK's own problem type can replace it in one place).</summary>
    public static ApiProblem From(PlatformApiException e)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? title = null, detail = null;
        try
        {
            using var doc = JsonDocument.Parse(e.Response ?? "");
            var root = doc.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in list.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ToString())] : [field.Value.ToString()];
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page): the status alone says what happened.
        }

        return new ApiProblem(e.StatusCode, title ?? $"HTTP {e.StatusCode}", detail, errors);
    }
}

/// <summary>An API answer: the value, or the problem the API gave instead.</summary>
public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}
