using Microsoft.Extensions.Localization;
using Platform.Console.Services;

namespace Platform.Console;

/// <summary>
/// The API's problems in the person's language for pages without a table of their own (orders, onboarding,
/// platform administration; ProblemAlert uses it everywhere): ProblemTexts.resx (en) and ProblemTexts.zh-CN.resx,
/// keyed by problem <c>code</c> (src/Platform.Core/Http/ProblemCodes.cs) and by <c>code.field</c> for a field's
/// message. A code or field this console has no text for falls back to the API's own words (codes are additive).
/// </summary>
public sealed class ProblemTexts;

public static class ProblemText
{
    /// <summary>The problem as one sentence in the person's language, else the API's "title: detail".</summary>
    public static string? Sentence(this IStringLocalizer<ProblemTexts> p, ApiProblem? problem)
    {
        if (problem is null)
        {
            return null;
        }

        return problem.Code is { } code && p[code] is { ResourceNotFound: false } known ? known.Value
            : problem.Detail is null ? problem.Title : $"{problem.Title}: {problem.Detail}";
    }

    /// <summary>The message beside a field: by code and field in the person's language, else the API's message (null when the field is fine).</summary>
    public static string? Field(this IStringLocalizer<ProblemTexts> p, ApiProblem? problem, string field)
    {
        if (problem?.For(field) is not { } english)
        {
            return null;
        }

        return problem.Code is { } code && p[$"{code}.{field}"] is { ResourceNotFound: false } known ? known.Value : english;
    }
}
