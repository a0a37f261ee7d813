using Microsoft.AspNetCore.Http;

namespace Platform.Http;

/// <summary>
/// The <see cref="InputText"/> rule for what is not a JSON body: route values, query parameters and header values.
/// A query such as <c>?q=%00</c> used to reach PostgreSQL and fail there with a 500; now it is a 400
/// <c>invalid_characters</c> problem naming the parameter, before authentication, so anonymous callers get the same.
/// Runs after routing, so a bad route value is named by its parameter.
/// </summary>
internal sealed class RequestTextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var errors = Check(context.Request);
        return errors is null ? next(context) : Refuse(context, errors);
    }

    private static Dictionary<string, string[]>? Check(HttpRequest request)
    {
        Dictionary<string, string[]>? errors = null;
        void Add(string field, string why) => (errors ??= [])[field] = [$"'{field}' {why}"];

        if (InputText.Explain(request.Path.Value) is { } pathWhy)
        {
            var named = request.RouteValues.FirstOrDefault(r => r.Value is string s && InputText.FindDisallowed(s) >= 0).Key;
            Add(named ?? "path", pathWhy);
        }

        foreach (var (key, values) in request.Query)
        {
            if (InputText.Explain(key) is { } keyWhy)
            {
                Add("query", "has a parameter name that " + keyWhy);
                continue;
            }

            foreach (var value in values)
            {
                if (InputText.Explain(value) is { } why)
                {
                    Add(key, why);
                    break;
                }
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                // RFC 9110 field values allow tab but no other control character; line breaks never arrive
                // legitimately inside one.
                if (value is not null && (value.Contains('\n') || value.Contains('\r') || InputText.Explain(value) is not null))
                {
                    Add(name, "contains a control character; header values may not.");
                    break;
                }
            }
        }

        return errors;
    }

    private static Task Refuse(HttpContext context, Dictionary<string, string[]> errors) =>
        ApiProblems.BadRequest("invalid_characters",
                "A route value, query parameter or header contains a control character or an unpaired surrogate.", errors)
            .ExecuteAsync(context);
}
