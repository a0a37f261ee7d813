using Microsoft.Extensions.Localization;
using Platform.Console.Services;

namespace Platform.Console;

/// <summary>
/// The box office's texts (Pages/BoxOffice): BoxOfficeTexts.resx (en) and BoxOfficeTexts.zh-CN.resx, read through
/// IStringLocalizer&lt;BoxOfficeTexts&gt;. Kept apart from Texts.resx so the console's pages can grow in parallel.
/// </summary>
public sealed class BoxOfficeTexts;

/// <summary>The API's field problems in the person's language: by problem code and field where a text exists, else the API's own words.</summary>
public static class BoxOfficeProblems
{
    public static string? For(this IStringLocalizer<BoxOfficeTexts> t, ApiProblem? problem, string field)
    {
        if (problem?.For(field) is not { } message)
        {
            return null;
        }

        var key = $"Problem_{problem.Code}_{field.Replace('.', '_')}";
        return t[key] is { ResourceNotFound: false } translated ? translated.Value : message;
    }

    /// <summary>The problem's title in the person's language by its code, else the API's title.</summary>
    public static string Title(this IStringLocalizer<BoxOfficeTexts> t, ApiProblem problem) =>
        t[$"Problem_{problem.Code}"] is { ResourceNotFound: false } translated ? translated.Value : problem.Title;
}
