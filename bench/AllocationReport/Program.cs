// Allocation profile of a gc-verbose nettrace (dotnet-trace collect --profile gc-verbose): every GCAllocationTick event
// stands for ~100 KB allocated on its thread since the last one, attributed to the type and stack of the object that
// crossed the threshold, so sums of AllocationAmount64 by type / by allocating frame are a sampled allocation profile.
// Usage: alloc-tool trace.nettrace [units-per-trace]  (units: e.g. paid buyers during the trace, to print bytes per unit)
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

var path = args[0];
var units = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
var etlx = TraceLog.CreateFromEventPipeDataFile(path);
using var log = new TraceLog(etlx);
var source = log.Events.GetSource();

var byType = new Dictionary<string, long>();
var bySite = new Dictionary<string, long>();      // first non-BCL frame + type
var byOwnFrame = new Dictionary<string, long>();  // first Platform.* frame (our code that led to it)
var inclusive = new Dictionary<string, long>();   // every distinct method on the stack
var stacksByType = new Dictionary<string, Dictionary<string, long>>();
long total = 0, ticks = 0, noStack = 0;

static bool IsBcl(string m) =>
    m.StartsWith("System.", StringComparison.Ordinal) || m.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
    || m.StartsWith("Interop", StringComparison.Ordinal) || m.StartsWith("?", StringComparison.Ordinal) || m.Length == 0
    || m.StartsWith("Module", StringComparison.Ordinal) || m.StartsWith("coreclr", StringComparison.Ordinal) || m.StartsWith("libcoreclr", StringComparison.Ordinal);

static string Short(string m)
{
    var paren = m.IndexOf('(');
    return paren > 0 ? m[..paren] : m;
}

source.Clr.GCAllocationTick += d =>
{
    var amount = d.AllocationAmount64 > 0 ? d.AllocationAmount64 : d.AllocationAmount;
    var type = string.IsNullOrEmpty(d.TypeName) ? "?" : d.TypeName;
    total += amount;
    ticks++;
    byType[type] = byType.GetValueOrDefault(type) + amount;
    var frames = new List<string>();
    for (var s = d.CallStack(); s is not null; s = s.Caller)
    {
        var method = s.CodeAddress.FullMethodName;
        frames.Add(Short(string.IsNullOrEmpty(method) ? $"{s.CodeAddress.ModuleName}!?" : method));
    }

    if (frames.Count == 0)
    {
        noStack++;
        return;
    }

    var site = frames.FirstOrDefault(f => !IsBcl(f)) ?? frames[0];
    bySite[$"{type} <- {site}"] = bySite.GetValueOrDefault($"{type} <- {site}") + amount;
    var own = frames.FirstOrDefault(f => f.StartsWith("Platform.", StringComparison.Ordinal)) ?? "(no Platform frame)";
    byOwnFrame[own] = byOwnFrame.GetValueOrDefault(own) + amount;
    foreach (var f in frames.Distinct())
    {
        inclusive[f] = inclusive.GetValueOrDefault(f) + amount;
    }

    var key = string.Join(" <- ", frames.Take(14));
    if (!stacksByType.TryGetValue(type, out var stacks))
    {
        stacksByType[type] = stacks = [];
    }

    stacks[key] = stacks.GetValueOrDefault(key) + amount;
};
source.Process();

string Fmt(long bytes) => units > 0 ? $"{bytes / units,10:N0} B/unit" : $"{bytes / 1024.0 / 1024,10:N1} MB";
Console.WriteLine($"ticks {ticks:N0}, sampled total {total / 1024.0 / 1024:N1} MB{(units > 0 ? $", {total / units:N0} B per unit ({units} units)" : "")}, ticks without stack {noStack}");
void Top(string title, Dictionary<string, long> d, int n)
{
    Console.WriteLine($"\n== {title}");
    foreach (var (k, v) in d.OrderByDescending(kv => kv.Value).Take(n))
    {
        Console.WriteLine($"{100.0 * v / total,6:F1}%  {Fmt(v)}  {k}");
    }
}

Top("types", byType, 40);
Top("allocation sites (first non-BCL frame)", bySite, 50);
Top("first Platform frame", byOwnFrame, 40);
Top("inclusive by method", inclusive, 120);
Console.WriteLine("\n== stacks of the top 15 types");
foreach (var (type, _) in byType.OrderByDescending(kv => kv.Value).Take(15))
{
    Console.WriteLine($"\n-- {type}");
    if (!stacksByType.TryGetValue(type, out var stacks))
    {
        continue;
    }

    foreach (var (k, v) in stacks.OrderByDescending(kv => kv.Value).Take(4))
    {
        Console.WriteLine($"{100.0 * v / total,6:F1}%  {k}");
    }
}
