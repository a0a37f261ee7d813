using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Tenancy;

namespace Platform.Http;

/// <summary>
/// Turns every failure into an RFC 9457 problem response. Known failures get their own status and stable code;
/// only a genuine bug becomes a 500, and then without internals.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail, errors) = Classify(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected during a database restart or failover: no stack trace per request.
            logger.LogWarning("Database unavailable for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = TransientFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = ApiProblems.Create(status, code, detail, errors, (exception as ApiException)?.Extensions).ProblemDetails;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static (int Status, string Code, string Detail, IDictionary<string, string[]>? Errors) Classify(Exception exception) =>
        exception switch
        {
            ApiException api => (api.Status, api.Code, api.Message, api.Errors),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "body_too_large", "The request body exceeds the allowed size.", null),
            BadHttpRequestException bad => MalformedRequest(bad),
            DbUpdateConcurrencyException =>
                (409, "concurrency_conflict", "The resource was changed by someone else; reload it and try again.", null),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg } =>
                (409, "duplicate", $"A resource with the same unique value already exists ({pg.ConstraintName}).", null),
            PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } =>
                (409, "concurrency_conflict", "The request collided with a concurrent change; retry it.", null),
            _ when TransientFailures.IsDatabaseUnavailable(exception) =>
                (503, TransientFailures.Code, "The database is briefly unavailable; retry after Retry-After seconds (with the same Idempotency-Key).", null),
            TenantIsolationException =>
                (403, "tenant_required", "This operation requires a tenant context.", null),
            OperationCanceledException =>
                (499, "request_cancelled", "The request was cancelled.", null),
            _ => (500, "internal_error", "An unexpected error occurred. The request id identifies it in the logs.", null),
        };

    private static (int, string, string, IDictionary<string, string[]>?) MalformedRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = JsonPathToField(json.Path);
            var (code, message) = json is DisallowedTextException
                ? ("invalid_characters", json.Message.Split(" Path:", 2)[0])
                : ("malformed_json", DescribeJsonError(json.Message.Split(" Path:", 2)[0]));
            IDictionary<string, string[]>? errors = field is null ? null : new Dictionary<string, string[]> { [field] = [message] };
            return (400, code, field is null ? message : $"The value of '{field}' could not be read: {message}", errors);
        }

        // Parameter binding names the C# type of the parameter ("int limit", "CreateVenueRequest request"); the client
        // only needs the name it sent.
        if (BindFailure().Match(bad.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return (bad.StatusCode, "invalid_query", $"The value of '{name}' is not valid.",
                new Dictionary<string, string[]> { [name] = [$"'{name}' is not valid."] });
        }

        return (bad.StatusCode, "malformed_request", ParameterType().Replace(bad.Message, "\"${name}\""), null);
    }

    /// <summary>
    /// System.Text.Json's messages name .NET types ("could not be converted to System.Int32", "any .NET member
    /// contained in type 'Platform.…Request'"); problems must not show internals, so those become plain words.
    /// </summary>
    private static string DescribeJsonError(string message) =>
        message.Contains(".NET member", StringComparison.Ordinal) ? "This property is not part of the request; unknown properties are refused."
        : TypeName().IsMatch(message) ? "The value has the wrong type, is out of range, or is not one of the allowed values."
        : message;

    [GeneratedRegex(@"(System|Platform|Microsoft|Npgsql)\.[A-Za-z]")]
    private static partial Regex TypeName();

    [GeneratedRegex("^Failed to bind parameter \"(?:[^\"]+ )?(?<name>[^\" ]+)\" from")]
    private static partial Regex BindFailure();

    [GeneratedRegex("\"[^\" ]+ (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterType();

    /// <summary>"$.branding.primaryColor" becomes "branding.primaryColor".</summary>
    private static string? JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$').TrimStart('.');
}
