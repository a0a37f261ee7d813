using System.Diagnostics;

namespace Platform.LoadDriver;

/// <summary>One virtual user's iteration of a scenario; it records each HTTP step it makes.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>Creates what the run needs (tenants, events, stock) through the API before the clock starts.</summary>
    Task PrepareAsync(HttpClient client, CancellationToken ct);

    /// <summary>One buyer's journey; returns false when the buyer has nothing left to do (e.g. sold out).</summary>
    Task<bool> RunOnceAsync(HttpClient client, int user, RunStats stats, CancellationToken ct);

    /// <summary>Checks the database-visible outcome afterwards (oversell, double-sell) and prints it.</summary>
    Task VerifyAsync(HttpClient client, TextWriter output, CancellationToken ct);
}

/// <summary>
/// Runs a scenario either closed-loop (N users, each starting the next journey when the last ends) or open-loop at a
/// fixed arrival rate (for overload: arrivals do not slow down when the server does).
/// </summary>
public static class LoadRunner
{
    public static async Task<(RunStats Stats, TimeSpan Elapsed)> RunClosedAsync(
        IScenario scenario, HttpClient client, int users, TimeSpan duration, CancellationToken ct)
    {
        var stats = new RunStats();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, users).Select(user => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!await scenario.RunOnceAsync(client, user, stats, stop.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // A refused or reset connection (the app restarting) or a timed-out request ends this journey,
                    // not the run: it was recorded as status -1; wait a moment so a down app is not hammered.
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }, CancellationToken.None));
        await Task.WhenAll(workers);
        return (stats, clock.Elapsed);
    }

    public static async Task<(RunStats Stats, TimeSpan Elapsed)> RunOpenAsync(
        IScenario scenario, HttpClient client, double arrivalsPerSecond, TimeSpan duration, int maxInFlight, CancellationToken ct)
    {
        var stats = new RunStats();
        var inFlight = new List<Task>();
        var gate = new SemaphoreSlim(maxInFlight);
        var clock = Stopwatch.StartNew();
        long started = 0;
        while (clock.Elapsed < duration && !ct.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * arrivalsPerSecond);
            for (; started < due; started++)
            {
                if (!gate.Wait(0))
                {
                    stats.For("dropped_by_driver").Record(0, 0, false);
                    continue;
                }

                var user = (int)started;
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await scenario.RunOnceAsync(client, user, stats, ct);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // Recorded as status -1 by TimedAsync; one failed arrival never ends the run.
                    }
                    finally
                    {
                        gate.Release();
                    }
                }, CancellationToken.None));
            }

            await Task.Delay(1, ct);
        }

        await Task.WhenAll(inFlight);
        return (stats, clock.Elapsed);
    }

    /// <summary>Times one HTTP call and records it under <paramref name="operation"/>.</summary>
    public static async Task<HttpResponseMessage> TimedAsync(
        RunStats stats, string operation, Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool>? success = null)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var response = await call();
            var ok = success?.Invoke(response) ?? response.IsSuccessStatusCode;
            stats.For(operation).Record((int)response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException { InnerException: TimeoutException })
        {
            // -1: no HTTP answer (connection refused or reset, or the client's timeout).
            stats.For(operation).Record(-1, Stopwatch.GetElapsedTime(start).TotalMilliseconds, false);
            throw;
        }
    }
}
