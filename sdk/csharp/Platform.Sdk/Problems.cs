using System.Globalization;
using System.Text.Json;

namespace Ticketing.Platform.Sdk;

/// <summary>
/// A failure the API answered with an RFC 9457 problem (every 4xx/5xx it documents). Catch it to branch on
/// <see cref="Code"/>; it is a <see cref="PlatformApiException{TResult}"/> of <see cref="Problem"/>, so code written
/// against that keeps working.
/// </summary>
public sealed class PlatformProblemException : PlatformApiException<Problem>
{
    /// <summary>Made by the generated client when an operation answers a problem.</summary>
    public PlatformProblemException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers, Problem result, Exception? innerException)
        : base(Describe(message, statusCode, response, result), statusCode, response, headers, result, innerException)
    {
        RetryAfter = ParseRetryAfter(headers);
    }

    /// <summary>The machine-readable reason (<c>allocation_exceeded</c>, <c>hold_expired</c>, …); <see cref="ProblemCode.Unknown"/> for a code newer than this SDK (see <see cref="RawCode"/>).</summary>
    public ProblemCode Code => Result?.Code ?? ProblemCode.Unknown;

    /// <summary>The code exactly as the API sent it, also when this SDK does not know it.</summary>
    public string? RawCode => RawField(Response, "code");

    /// <summary>Each failing field (JSON path, camelCase) with its messages; empty when the problem names none.</summary>
    public IDictionary<string, IReadOnlyList<string>> Errors => Result?.Errors ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The request id of the answer (also the X-Request-Id header): quote it to the platform's support.</summary>
    public string? RequestId => Result?.RequestId;

    /// <summary>The human-readable explanation.</summary>
    public string? Detail => Result?.Detail;

    /// <summary>How long the API asked to wait before retrying (429, 503, 409 idempotency_in_flight), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(string message, int status, string? response, Problem? problem)
    {
        var code = RawField(response, "code") ?? problem?.Code.ToString() ?? "problem";
        var detail = problem?.Detail ?? problem?.Title ?? message;
        return $"{code}: {detail} (HTTP {status.ToString(CultureInfo.InvariantCulture)}, request {problem?.RequestId ?? "?"})";
    }

    private static string? RawField(string? response, string name)
    {
        if (string.IsNullOrEmpty(response))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(response);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static TimeSpan? ParseRetryAfter(IReadOnlyDictionary<string, IEnumerable<string>> headers)
    {
        var value = headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }
}
