using Microsoft.AspNetCore.Http;
using Platform.Http;

namespace Platform.Venues;

/// <summary>Problems that name the offending field in <c>errors</c>, as the 422 validation problems do.</summary>
internal static class FieldProblems
{
    public static ApiException Conflict(string code, string field, string message) =>
        new(StatusCodes.Status409Conflict, code, message, new Dictionary<string, string[]> { [field] = [message] });

    public static UnprocessableException Invalid(string field, string message) =>
        new("validation_failed", "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });
}
