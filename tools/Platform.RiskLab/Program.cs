using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Platform.AntiScalping;
using Platform.AntiScalping.Model;

// The risk lab: simulates an on-sale of normal buyers and scalper strategies (seeded), trains the FastTree risk model
// on it, prints its evaluation on held-out buyers and the scoring cost, and writes the model the platform ships.
//   dotnet run --project tools/Platform.RiskLab -c Release -- [--seed 42] [--out src/Platform.Core/AntiScalping/risk-model.zip]
var seed = 42;
var output = Path.Combine("src", "Platform.Core", "AntiScalping", "risk-model.zip");
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--out": output = args[i + 1]; break;
        default: throw new ArgumentException($"Unknown option {args[i]}.");
    }
}

var stopwatch = Stopwatch.StartNew();
// Ten independent on-sales (each its own tenant and seed), so no strategy's figures hang on one draw.
var orders = Enumerable.Range(0, 10).SelectMany(run => new ScalperSimulator(seed * 100 + run).Run(normalBuyers: 2000, scalperCampaigns: 40)).ToList();
var (train, test) = RiskTrainer.Split(orders, 0.3, seed);
System.Console.WriteLine($"simulated {orders.Count:N0} orders ({orders.Count(o => o.Scalper):N0} by scalpers) in {stopwatch.Elapsed.TotalSeconds:F1} s; " +
    $"train {train.Count:N0}, held-out {test.Count:N0}");

var ml = new MLContext(seed: seed);
stopwatch.Restart();
var model = RiskTrainer.Train(ml, train);
System.Console.WriteLine($"trained FastTree (100 trees, 16 leaves) in {stopwatch.Elapsed.TotalSeconds:F1} s");

foreach (var threshold in new[] { 0.5f, RiskSettingsDefaults.Threshold, 0.9f })
{
    var e = RiskTrainer.Evaluate(ml, model, test, threshold);
    System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"held-out: AUC {e.Auc:F4}; threshold {threshold:F2}: precision {e.Precision:F4}, recall {e.Recall:F4}, false positive rate {e.FalsePositiveRate:F4} ({e.Orders} orders, {e.Scalpers} by scalpers)"));
}

// Per strategy (one class each, so no AUC): the share caught, or for normal buyers the share wrongly flagged.
var probabilities = model.Transform(ml.Data.LoadFromEnumerable(test.Select(o => RiskTrainer.Row(o.Features, o.Scalper))))
    .GetColumn<float>("Probability").ToArray();
foreach (var strategy in ScalperSimulator.Strategies)
{
    var indexes = Enumerable.Range(0, test.Count).Where(i => test[i].Strategy == strategy).ToList();
    var flagged = indexes.Count(i => probabilities[i] >= RiskSettingsDefaults.Threshold);
    System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {strategy,-22} {indexes.Count,6} orders, {(strategy == "normal" ? "flagged" : "caught")} at {RiskSettingsDefaults.Threshold:F2}: {(double)flagged / Math.Max(indexes.Count, 1):P1}"));
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
using (var file = File.Create(output))
{
    RiskTrainer.Save(ml, model, file);
}

System.Console.WriteLine($"wrote {output} ({new FileInfo(output).Length:N0} bytes)");

// Scoring cost as the platform pays it: the shipped file loaded the platform's way, a pooled engine per call.
using var stream = File.OpenRead(output);
var scorer = new ModelScorer(stream);
var sample = test.Take(2000).Select(o => o.Features).ToArray();
for (var i = 0; i < 20_000; i++)
{
    scorer.Score(sample[i % sample.Length]);
}

const int Calls = 200_000;
stopwatch.Restart();
for (var i = 0; i < Calls; i++)
{
    scorer.Score(sample[i % sample.Length]);
}

var modelMicros = stopwatch.Elapsed.TotalMicroseconds / Calls;
var signals = new RiskSignals(new RiskWindow(TimeSpan.FromMinutes(30)));
var tenant = Guid.NewGuid();
var at = DateTimeOffset.UtcNow;
stopwatch.Restart();
for (var i = 0; i < Calls; i++)
{
    signals.Observe(new RiskAttempt(tenant, $"buyer{i % 5000}@example.org", "+1555" + (i % 5000), "d" + (i % 7000),
        new System.Net.IPAddress([(byte)(11 + (i % 200)), (byte)(i % 251), (byte)(i % 13), (byte)(1 + (i % 250))]), 2, 6, at.AddSeconds(-30), at.AddMilliseconds(i)));
}

var signalMicros = stopwatch.Elapsed.TotalMicroseconds / Calls;
System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"cost per order, one thread: signals {signalMicros:F2} µs + model {modelMicros:F2} µs = {signalMicros + modelMicros:F2} µs"));
