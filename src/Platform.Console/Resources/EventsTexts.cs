using Microsoft.Extensions.Localization;
using Platform.Console.Services;

namespace Platform.Console;

/// <summary>
/// The event editor's and pricing pages' texts (Pages/Events): EventsTexts.resx (en) and EventsTexts.zh-CN.resx, read
/// through IStringLocalizer&lt;EventsTexts&gt;. Kept apart from Texts.resx so the console's pages can grow in parallel.
/// </summary>
public sealed class EventsTexts;

/// <summary>The API's problems on the event forms in the person's language: by code and field where a text exists, else the API's words.</summary>
public static class EventsProblems
{
    public static string? For(this IStringLocalizer<EventsTexts> t, ApiProblem? problem, string field)
    {
        if (problem?.For(field) is not { } message)
        {
            return null;
        }

        var key = $"Problem_{problem.Code}_{field.Replace('.', '_').Replace('[', '_').Replace("]", "", StringComparison.Ordinal)}";
        return t[key] is { ResourceNotFound: false } translated ? translated.Value : message;
    }

    public static bool Has(this ApiProblem? problem, string field) => problem?.For(field) is not null;

    /// <summary>The problem's title by its code in the person's language, else the API's own title.</summary>
    public static ApiProblem? Localized(this IStringLocalizer<EventsTexts> t, ApiProblem? problem) =>
        problem is not null && t[$"Problem_{problem.Code}"] is { ResourceNotFound: false } title ? problem with { Title = title.Value, Detail = null } : problem;
}
