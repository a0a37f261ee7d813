using System.Text.Json;
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
internal sealed class ProblemDetailsExceptionHandler(
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

        var problem = ApiProblems.Create(status, code, detail, errors).ProblemDetails;
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
            var message = json.Message.Split(" Path:", 2)[0];
            IDictionary<string, string[]>? errors = field is null ? null : new Dictionary<string, string[]> { [field] = [message] };
            return (400, "malformed_json", field is null ? message : $"The value of '{field}' could not be read: {message}", errors);
        }

        return (bad.StatusCode, "malformed_request", bad.Message, null);
    }

    /// <summary>"$.branding.primaryColor" becomes "branding.primaryColor".</summary>
    private static string? JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.TrimStart('$').TrimStart('.');
}
