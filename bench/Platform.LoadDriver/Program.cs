using System.Globalization;
using Platform.LoadDriver;
using Platform.LoadDriver.Scenarios;

// Usage: Platform.LoadDriver --base-url URL --scenario NAME [--users N | --rate R] [--duration S]
//                            [--max-in-flight N] [--baseline name=value ...] [--tenant slug] [--path /x]
//                            [--owner-connection CS]  (checkout scenarios set up stock and verify as the schema owner)
//                            [--warmup S]  (runs the scenario closed-loop for S seconds first and discards those figures)
//                            [--cpu app=PID,postmaster=PID]  (prints CPU per success of the last step, from /proc)
//                            [--scrape-token T]  (reads /metrics around the window: bytes the app allocated per success)
//                            [--retry-for S]  (chaos: how long a buyer keeps resending a keyed request, default 90)
//                            webhooks: [--webhook-endpoints N]  (each event fans out to N endpoints; with --cpu also
//                                      CPU per delivery while the backlog drains)
//                            s7: [--arrivals N] [--room-rate buyers/min] [--pass-lifetime S] [--scrape-token T]
//                                [--risk-tenant slug] [--simulator-seed odd] [--normal-buyers N] [--campaigns N]
var options = CommandLine.Parse(args);
var baseUrl = new Uri(options.Value("base-url", "http://127.0.0.1:5081"));
var duration = TimeSpan.FromSeconds(options.Number("duration", 15));
var tenant = options.Value("tenant", "northwind-live");

IScenario scenario = options.Value("scenario", "public-profile") switch
{
    "public-profile" => new PublicProfileScenario(tenant),
    "get" => new GetPathScenario(options.Value("path", "/health/live")),
    var spec when spec.StartsWith("get:", StringComparison.Ordinal) => new GetPathScenario(spec[4..]),
    "storefront" or "s3" => new StorefrontEventScenario(tenant),
    "checkout-ga" or "s1" => new CheckoutScenario("checkout-ga", Owner(), tenant, seated: false),
    "checkout-seats" or "s2" => new CheckoutScenario("checkout-seats", Owner(), tenant, seated: true),
    "checkout-overload" or "s4" => new CheckoutScenario("checkout-overload", Owner(), tenant, seated: false),
    "check-in" or "s6" => new CheckInScenario(Owner(), tenant, (int)options.Number("tickets", 5000)),
    "chaos" => new ChaosScenario(Owner(), tenant, TimeSpan.FromSeconds(options.Number("retry-for", 90))),
    "waiting-room" or "s7" => new WaitingRoomScenario(Owner(),
        new ScalperReplay(new BenchDatabase(options.Value("owner-connection", "Host=127.0.0.1;Port=5434;Database=platform;Username=platform_owner"),
            options.Value("risk-tenant", "harbour-stadium")), baseUrl, options.Has("scrape-token") ? options.Value("scrape-token", "") : null,
            (int)options.Number("simulator-seed", 4201), (int)options.Number("normal-buyers", 2000), (int)options.Number("campaigns", 40)),
        (int)options.Number("arrivals", 100_000), (int)options.Number("room-rate", 30_000), TimeSpan.FromSeconds(options.Number("pass-lifetime", 30))),
    "webhooks" or "deliver" => new Platform.LoadDriver.Webhooks.WebhookDeliveryScenario(Owner(), tenant, (int)options.Number("webhook-endpoints", 1),
        ProcessCpu.Parse(options.Value("cpu", ""))),
    var other => throw new ArgumentException($"Unknown scenario '{other}'."),
};

BenchDatabase Owner() => new(options.Value("owner-connection",
    "Host=127.0.0.1;Port=5434;Database=platform;Username=platform_owner"), tenant);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
// A safety deadline for the whole run, not a measurement: S7 alone spends minutes joining 100,000 buyers and replaying
// the simulator before and after its measured window.
using var cancel = new CancellationTokenSource(duration + TimeSpan.FromSeconds(options.Number("warmup", 0)) + TimeSpan.FromMinutes(30));

await scenario.PrepareAsync(client, cancel.Token);
// The JIT compiles the app's hot paths in tiers over the first tens of seconds under load (measured: the tiering
// thread used ~40% of the app's CPU 20 s into a cold run). A warm-up measures the steady state an on-sale meets,
// since a real node has been serving before the sale opens.
var warmup = TimeSpan.FromSeconds(options.Number("warmup", 0));
if (warmup > TimeSpan.Zero)
{
    var (warm, warmElapsed) = await LoadRunner.RunClosedAsync(scenario, client, (int)options.Number("users", 64), warmup, cancel.Token);
    Console.WriteLine($"  (warm-up {warmElapsed.TotalSeconds:0.0} s: {warm.Operations.Sum(o => o.Statuses.Values.Sum())} requests, not counted below)");
}

var allocations = options.Has("scrape-token") ? new AppAllocations(client, options.Value("scrape-token", "")) : null;
var allocatedBefore = allocations is null ? null : await allocations.ReadAsync(cancel.Token);
var cpu = ProcessCpu.Parse(options.Value("cpu", ""));
var cpuBefore = cpu?.Read();
var (stats, elapsed) = options.Has("rate")
    ? await LoadRunner.RunOpenAsync(scenario, client, options.Number("rate", 1000), duration, (int)options.Number("max-in-flight", 2000), cancel.Token)
    : await LoadRunner.RunClosedAsync(scenario, client, (int)options.Number("users", 64), duration, cancel.Token);

var cpuAfter = cpu?.Read();
var allocatedAfter = allocations is null ? null : await allocations.ReadAsync(cancel.Token);
Report.Print(Console.Out, scenario.Name, stats, elapsed, options.Baselines());
if (cpuBefore is not null && cpuAfter is not null)
{
    ProcessCpu.Print(Console.Out, cpuBefore, cpuAfter, stats);
}

if (allocatedBefore is { } allocBefore && allocatedAfter is { } allocAfter)
{
    AppAllocations.Print(Console.Out, allocBefore, allocAfter, stats);
}
else if (allocations is not null)
{
    Console.WriteLine($"  allocated bytes: /metrics not readable or without {AppAllocations.Metric}");
}

await scenario.VerifyAsync(client, Console.Out, cancel.Token);

internal sealed class CommandLine(Dictionary<string, List<string>> values)
{
    public static CommandLine Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' at '{args[i]}'.");
            }

            var name = args[i][2..];
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(args[++i]);
        }

        return new CommandLine(values);
    }

    public bool Has(string name) => values.ContainsKey(name);

    public string Value(string name, string fallback) => values.TryGetValue(name, out var v) ? v[^1] : fallback;

    public double Number(string name, double fallback) =>
        values.TryGetValue(name, out var v) ? double.Parse(v[^1], CultureInfo.InvariantCulture) : fallback;

    public IReadOnlyDictionary<string, double> Baselines() =>
        (values.TryGetValue("baseline", out var list) ? list : [])
        .Select(b => b.Split('=', 2))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
}
