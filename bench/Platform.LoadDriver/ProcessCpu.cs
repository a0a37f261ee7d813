using System.Globalization;

namespace Platform.LoadDriver;

/// <summary>
/// CPU time of the app, of PostgreSQL and of this load driver over the measured window, read from /proc (Linux), so CPU
/// per buyer is printed by the harness instead of being worked out by hand. PostgreSQL is its postmaster and every process it forked (its
/// backends live as long as the app's pooled connections, so their counters span the window). Machine time comes from
/// /proc/stat: everything the cores did, the load driver and the kernel's network work included.
/// </summary>
public sealed class ProcessCpu(int appPid, int postmasterPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public sealed record Sample(double App, double Postgres, double Machine, double Driver);

    /// <summary>Parses "--cpu app=PID,postmaster=PID"; null when not given (CPU is then not reported).</summary>
    public static ProcessCpu? Parse(string? spec)
    {
        if (string.IsNullOrEmpty(spec))
        {
            return null;
        }

        var parts = spec.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        return new ProcessCpu(parts["app"], parts["postmaster"]);
    }

    // The driver shares the cores: what it spends per success is part of the machine's figure and must stay well below
    // the app's, or the driver is what limits the run.
    public Sample Read() => new(Seconds(appPid), PostgresSeconds(), MachineSeconds(), Environment.CpuUsage.TotalTime.TotalSeconds);

    private double PostgresSeconds()
    {
        var total = Seconds(postmasterPid);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmasterPid && ParentOf(pid) == postmasterPid)
            {
                total += Seconds(pid);
            }
        }

        return total;
    }

    // /proc/PID/stat: the command is in parentheses and may hold spaces, so fields are counted after the last ')'.
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended between the listing and the read
        }
    }

    private static int ParentOf(int pid) => StatFields(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : -1;

    // Fields after the command: state(0) ppid(1) … utime(11) stime(12).
    private static double Seconds(int pid) => StatFields(pid) is { } f
        ? (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond
        : 0;

    // First line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal …"; busy = all but idle and iowait.
    private static double MachineSeconds()
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (values.Take(8).Sum() - values[3] - values[4]) / TicksPerSecond;
    }

    /// <summary>Prints CPU seconds in the window and ms per success of <paramref name="perOperation"/> (e.g. a paid buyer).</summary>
    public static void Print(TextWriter output, Sample before, Sample after, RunStats stats)
    {
        var last = stats.Operations.LastOrDefault(o => o.Successes > 0);
        if (last is null)
        {
            return;
        }

        double Per(double seconds) => seconds * 1000 / last.Successes;
        var (app, pg, machine, driver) = (after.App - before.App, after.Postgres - before.Postgres, after.Machine - before.Machine, after.Driver - before.Driver);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU in the window: app {app:F1} s, PostgreSQL {pg:F1} s, driver {driver:F1} s, machine {machine:F1} s; per {last.Name} ok ({last.Successes}): app {Per(app):F2} ms, PostgreSQL {Per(pg):F2} ms, driver {Per(driver):F2} ms, machine {Per(machine):F2} ms"));
    }
}
