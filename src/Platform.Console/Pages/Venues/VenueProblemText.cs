using System.Text.Json;
using Microsoft.Extensions.Localization;
using Platform.Console.Services;
using Ticketing.Platform.Sdk;

namespace Platform.Console.Pages.Venues;

/// <summary>The API's problems on the venue pages in the person's language, by problem code and field; else the API's text.</summary>
internal static class VenueProblemText
{
    public static string? Field(IStringLocalizer<VenueTexts> l, ApiProblem? problem, string field)
    {
        if (problem?.For(field) is not { } english)
        {
            return null;
        }

        var known = l[$"Field_{field}"];
        return known.ResourceNotFound ? english : known.Value;
    }

    /// <summary>The problem with its title replaced by the translation of its code, when there is one.</summary>
    public static ApiProblem Translate(IStringLocalizer<VenueTexts> l, ApiProblem problem)
    {
        var known = l[$"Problem_{problem.Code}"];
        return problem.Code is not null && !known.ResourceNotFound ? problem with { Title = known.Value, Detail = null } : problem;
    }
}

/// <summary>The export/import file format: the API's own JSON (camelCase, snake_case enums), read and written like the SDK does.</summary>
internal static class VenueJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        options.Converters.Add(new SnakeCaseEnumConverterFactory());
        return options;
    }
}
