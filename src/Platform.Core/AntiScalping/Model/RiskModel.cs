using Microsoft.ML;
using Microsoft.ML.Data;

namespace Platform.AntiScalping.Model;

/// <summary>The model's input row: the feature vector in <see cref="RiskFeatures.Names"/> order and, for training, the label.</summary>
public sealed class RiskModelInput
{
    [VectorType(12)]
    [ColumnName("Features")]
    public float[] Features { get; set; } = new float[12];

    [ColumnName("Label")]
    public bool Label { get; set; }
}

public sealed class RiskModelOutput
{
    [ColumnName("Probability")]
    public float Probability { get; set; }
}

/// <summary>How well a model separates scalpers from normal buyers on held-out orders, at one threshold.</summary>
public sealed record RiskEvaluation(double Auc, float Threshold, double Precision, double Recall, double FalsePositiveRate, int Orders, int Scalpers);

/// <summary>
/// Trains and evaluates the risk model: ML.NET FastTree binary classification over <see cref="RiskFeatures"/>, with
/// its probability calibrated (Platt) so the tenant's threshold reads as a probability. Deterministic for a seed.
/// </summary>
public static class RiskTrainer
{
    public static RiskModelInput Row(RiskFeatures features, bool label = false) => new() { Features = features.ToVector(), Label = label };

    public static ITransformer Train(MLContext ml, IEnumerable<SimulatedOrder> orders, int trees = 100)
    {
        var data = ml.Data.LoadFromEnumerable(orders.Select(o => Row(o.Features, o.Scalper)));
        var trainer = ml.BinaryClassification.Trainers.FastTree(labelColumnName: "Label", featureColumnName: "Features",
            numberOfLeaves: 16, numberOfTrees: trees, minimumExampleCountPerLeaf: 10, learningRate: 0.2);
        return trainer.Fit(data);
    }

    public static RiskEvaluation Evaluate(MLContext ml, ITransformer model, IReadOnlyList<SimulatedOrder> orders, float threshold)
    {
        var data = ml.Data.LoadFromEnumerable(orders.Select(o => Row(o.Features, o.Scalper)));
        var scored = model.Transform(data);
        var metrics = ml.BinaryClassification.Evaluate(scored, labelColumnName: "Label");
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        int tp = 0, fp = 0, fn = 0, negatives = 0;
        for (var i = 0; i < orders.Count; i++)
        {
            var flagged = probabilities[i] >= threshold;
            if (orders[i].Scalper)
            {
                tp += flagged ? 1 : 0;
                fn += flagged ? 0 : 1;
            }
            else
            {
                negatives++;
                fp += flagged ? 1 : 0;
            }
        }

        return new RiskEvaluation(metrics.AreaUnderRocCurve, threshold, tp + fp == 0 ? 0 : (double)tp / (tp + fp), tp + fn == 0 ? 0 : (double)tp / (tp + fn),
            negatives == 0 ? 0 : (double)fp / negatives, orders.Count, tp + fn);
    }

    /// <summary>Splits by buyer (a buyer's orders all train or all test), deterministically.</summary>
    public static (List<SimulatedOrder> Train, List<SimulatedOrder> Test) Split(IEnumerable<SimulatedOrder> orders, double testShare, int seed)
    {
        var train = new List<SimulatedOrder>();
        var test = new List<SimulatedOrder>();
        foreach (var order in orders)
        {
            // A fixed multiplicative mix (not HashCode, which is randomized per process): the same split every run.
            var bucket = unchecked(((uint)order.Buyer * 2654435761u) ^ (uint)seed) % 1000 / 1000.0;
            (bucket < testShare ? test : train).Add(order);
        }

        return (train, test);
    }

    public static void Save(MLContext ml, ITransformer model, Stream stream) =>
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<RiskModelInput>()).Schema, stream);
}
