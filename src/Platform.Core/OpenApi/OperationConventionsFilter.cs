using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Platform.OpenApi;

/// <summary>
/// Fails document generation when an operation breaks the API conventions: every operation needs a unique
/// operationId (SDK method names depend on it), a summary, tags and at least one documented error response.
/// </summary>
internal sealed class OperationConventionsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var problems = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, item) in swaggerDoc.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var where = $"{method} {path}";
                if (string.IsNullOrEmpty(operation.OperationId))
                {
                    problems.Add($"{where} has no operationId (use WithName).");
                }
                else if (!seen.TryAdd(operation.OperationId, where))
                {
                    problems.Add($"{where} repeats operationId '{operation.OperationId}' of {seen[operation.OperationId]}.");
                }

                if (string.IsNullOrEmpty(operation.Summary))
                {
                    problems.Add($"{where} has no summary (use WithSummary).");
                }

                if (operation.Tags is not { Count: > 0 })
                {
                    problems.Add($"{where} has no tags (use WithTags on its group).");
                }

                if (operation.Responses is null || !operation.Responses.Keys.Any(k => k.StartsWith('4')))
                {
                    problems.Add($"{where} documents no error response.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The OpenAPI document breaks the API conventions:\n" + string.Join('\n', problems));
        }
    }
}
