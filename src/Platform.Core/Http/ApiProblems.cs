using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Http;

/// <summary>
/// RFC 9457 problem responses with a stable machine-readable <c>code</c>. Handlers return these through
/// TypedResults unions; <see cref="ProblemDetailsExceptionHandler"/> maps thrown <see cref="ApiException"/>s the same way.
/// </summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string resource) =>
        Create(StatusCodes.Status404NotFound, "not_found", $"The {resource} was not found.");

    public static ProblemHttpResult Conflict(string code, string detail) =>
        Create(StatusCodes.Status409Conflict, code, detail);

    public static ProblemHttpResult Unprocessable(string code, string detail, IDictionary<string, string[]>? errors = null) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, detail, errors);

    public static ProblemHttpResult BadRequest(string code, string detail, IDictionary<string, string[]>? errors = null) =>
        Create(StatusCodes.Status400BadRequest, code, detail, errors);

    public static ProblemHttpResult Forbidden(string code, string detail) =>
        Create(StatusCodes.Status403Forbidden, code, detail);

    public static ProblemHttpResult Create(int status, string code, string detail, IDictionary<string, string[]>? errors = null,
        IReadOnlyDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (name, value) in more ?? new Dictionary<string, object?>())
        {
            extensions[name] = value;
        }

        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: TitleFor(status), type: TypeFor(status), extensions: extensions);
    }

    /// <summary>
    /// The problem <c>type</c> where ASP.NET Core's default is wrong for us: it names WebDAV (RFC 4918) for 422,
    /// which RFC 9110 §15.5.21 now defines for HTTP itself. Others keep the framework's RFC 9110 defaults.
    /// </summary>
    public static string? TypeFor(int status) => status switch
    {
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        _ => null,
    };

    /// <summary>
    /// The <c>code</c> of a problem nobody named: the bare 401/403/404/405 the framework answers (authentication,
    /// authorization — e.g. a gate device calling an endpoint its token does not cover — and routing).
    /// </summary>
    public static string? DefaultCode(int? status) => status switch
    {
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        _ => null,
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "The request is malformed.",
        401 => "Authentication is required.",
        // A declined card is the buyer's to fix (another card), not a server fault: the title says so (issue #21).
        402 => "The payment was declined.",
        403 => "The operation is not allowed.",
        404 => "The resource was not found.",
        409 => "The request conflicts with the current state.",
        413 => "The request body is too large.",
        422 => "The request is invalid.",
        429 => "Too many requests.",
        502 => "The payment provider failed.",
        503 => "The service is briefly unavailable.",
        _ => "An unexpected error occurred.",
    };
}

/// <summary>An expected failure that becomes a problem response (never a 500).</summary>
public class ApiException(int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>Further machine-readable members of the problem (e.g. <c>remaining</c> of allocation_exceeded), documented on the Problem schema.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
}

public sealed class NotFoundException(string resource)
    : ApiException(StatusCodes.Status404NotFound, "not_found", $"The {resource} was not found.");

public sealed class ConflictException(string code, string detail)
    : ApiException(StatusCodes.Status409Conflict, code, detail);

public sealed class UnprocessableException(string code, string detail, IDictionary<string, string[]>? errors = null)
    : ApiException(StatusCodes.Status422UnprocessableEntity, code, detail, errors);
