using Microsoft.Extensions.Localization;
using Platform.Console.Services;

namespace Platform.Console;

/// <summary>The API's problems on the access pages, in the person's language by problem code (and field); else the API's own text.</summary>
public static class AccessProblemText
{
    public static string? Field(this IStringLocalizer<AccessTexts> l, ApiProblem? problem, string field)
    {
        if (problem?.For(field) is not { } english)
        {
            return null;
        }

        var known = l[$"Field_{field}"];
        return known.ResourceNotFound ? english : known.Value;
    }

    public static string? Title(this IStringLocalizer<AccessTexts> l, ApiProblem? problem)
    {
        if (problem is null)
        {
            return null;
        }

        var known = l[$"Problem_{problem.Code}"];
        return problem.Code is not null && !known.ResourceNotFound ? known.Value
            : problem.Detail is null ? problem.Title : $"{problem.Title}: {problem.Detail}";
    }
}
