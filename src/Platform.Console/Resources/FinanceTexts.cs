using Microsoft.Extensions.Localization;
using Platform.Console.Services;

namespace Platform.Console;

/// <summary>
/// The reports, analytics and finance pages' texts (Pages/Reports, Pages/Finance): FinanceTexts.resx (en) and
/// FinanceTexts.zh-CN.resx, read through IStringLocalizer&lt;FinanceTexts&gt;. Kept apart from Texts.resx so the
/// console's pages can grow in parallel.
/// </summary>
public sealed class FinanceTexts;

/// <summary>The API's problems on these pages in the person's language: by code (and field) where a text exists, else the API's words.</summary>
public static class FinanceProblems
{
    public static string? For(this IStringLocalizer<FinanceTexts> t, ApiProblem? problem, string field)
    {
        if (problem?.For(field) is not { } message)
        {
            return null;
        }

        var key = $"Problem_{problem.Code}_{field.Replace('.', '_')}";
        return t[key] is { ResourceNotFound: false } translated ? translated.Value : message;
    }

    public static string Title(this IStringLocalizer<FinanceTexts> t, ApiProblem problem) =>
        t[$"Problem_{problem.Code}"] is { ResourceNotFound: false } translated ? translated.Value : problem.Title;
}
