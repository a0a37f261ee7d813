using Microsoft.Extensions.Localization;
using Platform.Console.Services;

namespace Platform.Console.Pages.AntiScalping;

/// <summary>The API's problems and reason codes on the anti-scalping page, in the person's language; else the API's own text.</summary>
public static class AntiScalpingText
{
    /// <summary>The error beside <paramref name="field"/>: the text for "Field_{field}_{variant}" or "Field_{field}", else the API's words.</summary>
    public static string? Field(this IStringLocalizer<AntiScalpingTexts> l, ApiProblem? problem, string field, string? variant = null)
    {
        if (problem?.For(field) is not { } english)
        {
            return null;
        }

        if (variant is not null && l[$"Field_{field}_{variant}"] is { ResourceNotFound: false } specific)
        {
            return specific.Value;
        }

        return l[$"Field_{field}"] is { ResourceNotFound: false } known ? known.Value : english;
    }

    /// <summary>The problem as one line: the text for its code, else the API's title and detail.</summary>
    public static string? Title(this IStringLocalizer<AntiScalpingTexts> l, ApiProblem? problem)
    {
        if (problem is null)
        {
            return null;
        }

        return problem.Code is not null && l[$"Problem_{problem.Code}"] is { ResourceNotFound: false } known ? known.Value
            : problem.Detail is null ? problem.Title : $"{problem.Title}: {problem.Detail}";
    }

    /// <summary>A reason code (sequential_identity, subnet_velocity…) in words; an unknown code (a newer API) as it is.</summary>
    public static string Reason(this IStringLocalizer<AntiScalpingTexts> l, string code) =>
        l[$"Reason_{code}"] is { ResourceNotFound: false } known ? known.Value : code;
}
