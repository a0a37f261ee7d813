using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AntiScalping.Model;

/// <summary>Loads the risk model when the app starts (not on the first order): a broken or missing model stops start-up.</summary>
internal sealed class ModelWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var scorer = services.GetRequiredService<IRiskScorer>();
        scorer.Score(new RiskFeatures());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
