using Platform.Sales;

namespace Platform.Observability;

/// <summary>
/// What the domain learns about a checkout request that the HTTP layer cannot see (its event and sales channel),
/// handed up to <see cref="RequestMetricsMiddleware"/>: the middleware puts a fresh box in an AsyncLocal before the
/// request runs, services write into it (the box flows down with the ExecutionContext), the middleware reads it after.
/// </summary>
public sealed class RequestFacts
{
    private static readonly AsyncLocal<RequestFacts?> CurrentFacts = new();

    public Guid? EventId { get; private set; }

    public string? Channel { get; private set; }

    /// <summary>Route template of the matched endpoint, read before anything could clear it.</summary>
    internal string? Route { get; init; }

    internal LiveStep? Step { get; init; }

    /// <summary>Problem code of the response (set where problems are written).</summary>
    public string? ProblemCode { get; set; }

    internal static RequestFacts? Current
    {
        get => CurrentFacts.Value;
        set => CurrentFacts.Value = value;
    }

    /// <summary>Names the event and channel of the checkout step running now; a no-op outside a measured request.</summary>
    public static void Describe(Guid? eventId, SalesChannel channel)
    {
        if (CurrentFacts.Value is { } facts)
        {
            facts.EventId = eventId;
            facts.Channel = ChannelNames.GetValueOrDefault(channel, "other");
        }
    }

    private static readonly Dictionary<SalesChannel, string> ChannelNames =
        Enum.GetValues<SalesChannel>().ToDictionary(c => c, c => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString()));
}
