using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Observability;

/// <summary>
/// Node resources for the live API: CPU share since the previous sample (at most one new sample a second, so
/// polling dashboards cannot make it costly), memory, and Npgsql's connection pool read from its own meter on demand.
/// </summary>
internal sealed class ProcessSampler : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private long poolUsed;
    private long poolIdle;
    private long poolMax;
    private (long Ticks, TimeSpan Cpu) last = (Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);
    private double cpuShare;

    public ProcessSampler()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.connection.count" or "db.client.connection.max")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>(OnMeasurement);
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
    }

    private void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        var n = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        if (instrument.Name == "db.client.connection.max")
        {
            poolMax += n;
            return;
        }

        foreach (var tag in tags)
        {
            if (tag.Key == "db.client.connection.state")
            {
                if (tag.Value as string == "used")
                {
                    poolUsed += n;
                }
                else
                {
                    poolIdle += n;
                }
            }
        }
    }

    public ResourceResponse Sample()
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            using var process = Process.GetCurrentProcess();
            if (Stopwatch.GetElapsedTime(last.Ticks, now) >= TimeSpan.FromSeconds(1))
            {
                var cpu = process.TotalProcessorTime;
                cpuShare = (cpu - last.Cpu).TotalSeconds / Stopwatch.GetElapsedTime(last.Ticks, now).TotalSeconds / Environment.ProcessorCount;
                last = (now, cpu);
            }

            (poolUsed, poolIdle, poolMax) = (0, 0, 0);
            listener.RecordObservableInstruments();
            return new ResourceResponse(Math.Round(Math.Clamp(cpuShare, 0, 1) * 100, 1), Environment.ProcessorCount, process.WorkingSet64,
                GC.GetTotalMemory(forceFullCollection: false), poolUsed, poolIdle, poolMax);
        }
    }

    public void Dispose() => listener.Dispose();
}
