using Microsoft.Extensions.Localization;
using Platform.Console.Services;

namespace Platform.Console;

/// <summary>The legacy import page's texts (Pages/Import): ImportTexts.resx (en) and ImportTexts.zh-CN.resx, read through IStringLocalizer&lt;ImportTexts&gt;.</summary>
public sealed class ImportTexts;

/// <summary>The API's problems and row reasons on the import page in the person's language: by code where a text exists, else the API's words.</summary>
public static class ImportProblems
{
    /// <summary>A field's error: "Problem_{code}_{field}" or "Problem_{code}_field" translated, else the API's message.</summary>
    public static string? For(this IStringLocalizer<ImportTexts> t, ApiProblem? problem, string field)
    {
        if (problem?.For(field) is not { } message)
        {
            return null;
        }

        // Mapping errors are keyed by the person's own names (columns.order_ref, ticketTypes.VIP): translate by their prefix.
        var prefix = field.Split('.')[0];
        return t[$"Problem_{problem.Code}_{prefix}"] is { ResourceNotFound: false } translated ? translated.Value : message;
    }

    public static string Title(this IStringLocalizer<ImportTexts> t, ApiProblem problem) =>
        t[$"Problem_{problem.Code}"] is { ResourceNotFound: false } translated ? translated.Value : problem.Title;

    /// <summary>A dry-run row's reason code (missing_email, sold_out, …) in words; unknown codes show as sent.</summary>
    public static string Reason(this IStringLocalizer<ImportTexts> t, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "";
        }

        if (t[$"Reason_{code}"] is { ResourceNotFound: false } exact)
        {
            return exact.Value;
        }

        // Field-specific codes (missing_email, invalid_date_paid_at) share one text per kind, naming the field.
        foreach (var kind in new[] { "missing_", "invalid_date_" })
        {
            if (code.StartsWith(kind, StringComparison.Ordinal) && t[$"Reason_{kind}"] is { ResourceNotFound: false } text)
            {
                var field = code[kind.Length..];
                var label = t[$"Field_{field}"] is { ResourceNotFound: false } named ? named.Value : field;
                return string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Value, label);
            }
        }

        return code;
    }
}
