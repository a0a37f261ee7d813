using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Webhooks;

/// <summary>Which events an endpoint receives: type patterns with wildcards, then an optional equality filter.</summary>
public static partial class WebhookRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxEventTypes = 50;
    public const int MaxFilterFields = 10;
    public const string TestEventType = "webhook.test";

    /// <summary>order.paid, order.* or * (lowercase segments of letters, digits and underscores).</summary>
    [GeneratedRegex(@"^(\*|([a-z0-9_]+\.)*([a-z0-9_]+|\*))$")]
    public static partial Regex EventTypePattern();

    /// <summary>A filter key: a dotted path into the event data, such as eventId or buyer.country.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,4}$")]
    public static partial Regex FilterPath();

    public static bool TypeMatches(string pattern, string type) =>
        pattern == "*" ||
        pattern == type ||
        (pattern.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(pattern[..^1], StringComparison.Ordinal));

    public static bool Subscribes(IEnumerable<string> patterns, string type) => patterns.Any(p => TypeMatches(p, type));

    /// <summary>
    /// Every filter entry must equal the value at its path in the data (JSON equality, so "5" is not 5). An absent
    /// path never matches.
    /// </summary>
    public static bool FilterMatches(JsonElement? filter, JsonElement data)
    {
        if (filter is not { ValueKind: JsonValueKind.Object } f)
        {
            return true;
        }

        foreach (var entry in f.EnumerateObject())
        {
            var current = data;
            foreach (var segment in entry.Name.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                {
                    return false;
                }
            }

            if (!JsonElement.DeepEquals(current, entry.Value))
            {
                return false;
            }
        }

        return true;
    }
}
