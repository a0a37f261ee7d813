using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.IntegrationTests.Checkout;

/// <summary>
/// Counts the database round trips the app makes while serving requests that carry this counter's trace: every
/// command or batch Npgsql sends (its "Npgsql" activities, one per execution, whatever the number of statements in
/// it) plus every COMMIT or ROLLBACK EF sends for a transaction (those are not commands; BEGIN is not counted because
/// Npgsql sends it with the transaction's first command). The requests are tied to the counter by a W3C
/// <c>traceparent</c> header: ASP.NET Core makes the request's activity a child of it, and every activity and
/// diagnostic event below the request inherits its trace id, so other tests' and background work's traffic is
/// ignored.
/// </summary>
internal sealed class RoundTripCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly ActivityTraceId trace = ActivityTraceId.CreateRandom();
    private readonly ActivityListener listener;
    private readonly IDisposable allListeners;
    private readonly ConcurrentQueue<string> trips = new();
    private readonly List<IDisposable> subscriptions = [];

    public RoundTripCounter()
    {
        listener = new ActivityListener
        {
            // Every source must record so ASP.NET Core creates the request's activity (the parent of Npgsql's).
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == trace && activity.Kind == ActivityKind.Client
                    && (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is { } text)
                {
                    trips.Enqueue(text.ToString()!);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>The traceparent header value that ties a request to this counter.</summary>
    public string TraceParent => $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    public int Count => trips.Count;

    /// <summary>What was sent, in order: each command's text in full, or "COMMIT" / "ROLLBACK" for EF's own.</summary>
    public IReadOnlyList<string> Sent => [.. trips];

    /// <summary>What was sent, one line per round trip (for a failing assertion's message).</summary>
    public string Describe() => string.Join("\n", trips.Select((t, i) => $"{i + 1}. {t.ReplaceLineEndings(" ")[..Math.Min(160, t.Length)]}"));

    public void Reset() => trips.Clear();

    public void Dispose()
    {
        listener.Dispose();
        allListeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, name => name.EndsWith("TransactionCommitted", StringComparison.Ordinal)
                    || name.EndsWith("TransactionRolledBack", StringComparison.Ordinal)));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (Activity.Current?.TraceId == trace)
        {
            trips.Enqueue(value.Key.EndsWith("Committed", StringComparison.Ordinal) ? "COMMIT" : "ROLLBACK");
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
