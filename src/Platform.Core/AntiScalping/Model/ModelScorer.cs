using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Platform.AntiScalping.Model;

/// <summary>
/// Scores with the trained model. ML.NET's PredictionEngine is not thread-safe, so engines are pooled (one per
/// concurrent request at most, reused); the model itself is loaded once, at start-up (<see cref="ModelWarmUp"/>).
/// </summary>
public sealed class ModelScorer : IRiskScorer
{
    public const string ResourceName = "Platform.AntiScalping.risk-model.zip";

    private readonly ObjectPool<PredictionEngine<RiskModelInput, RiskModelOutput>> engines;

    public ModelScorer(Stream model)
    {
        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(model, out _);
        engines = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 4 }
            .Create(new EnginePolicy(ml, transformer));
    }

    /// <summary>The model at <paramref name="path"/>, or the one shipped inside the platform when it is empty.</summary>
    public static ModelScorer Load(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            using var file = File.OpenRead(path);
            return new ModelScorer(file);
        }

        using var shipped = typeof(ModelScorer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The shipped risk model is missing.");
        return new ModelScorer(shipped);
    }

    public float Score(RiskFeatures features)
    {
        var engine = engines.Get();
        try
        {
            return Math.Clamp(engine.Predict(RiskTrainer.Row(features)).Probability, 0f, 1f);
        }
        finally
        {
            engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<RiskModelInput, RiskModelOutput>>
    {
        public override PredictionEngine<RiskModelInput, RiskModelOutput> Create() =>
            ml.Model.CreatePredictionEngine<RiskModelInput, RiskModelOutput>(model);

        public override bool Return(PredictionEngine<RiskModelInput, RiskModelOutput> obj) => true;
    }
}
