using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.AntiScalping.BlockList;
using Platform.AntiScalping.Model;
using Platform.Orders;
using Platform.Tickets.Issuance;

namespace Platform.AntiScalping;

public static class AntiScalpingExtensions
{
    /// <summary>Anti-scalping (issue #16, ADR 0047): signals and scoring at order time, the review queue, the ticket gate.</summary>
    public static IHostApplicationBuilder AddAntiScalping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RiskOptions>().BindConfiguration(RiskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(sp => new RiskSignals(new RiskWindow(sp.GetRequiredService<IOptions<RiskOptions>>().Value.Window)));
        // The trained model (shipped, or AntiScalping:ModelPath), loaded at start-up; scoring is thread-safe (pooled engines).
        builder.Services.AddSingleton<IRiskScorer>(sp => ModelScorer.Load(sp.GetRequiredService<IOptions<RiskOptions>>().Value.ModelPath));
        builder.Services.AddHostedService<ModelWarmUp>();
        builder.Services.AddSingleton<RiskSettingsStore>();
        builder.Services.AddScoped<IOrderPlacementCheck, RiskPlacementCheck>();
        builder.Services.AddScoped<ITicketIssueGate, ReviewIssueGate>();
        builder.Services.AddScoped<ReviewService>();
        builder.Services.AddSingleton<BlockListStore>();
        builder.Services.AddScoped<BlockListService>();
        builder.Services.AddSingleton<Challenge.RiskChallenges>();
        return builder;
    }

    /// <summary>Counts the endpoint's successful holds in the hold-time velocity signals.</summary>
    public static TBuilder RecordRiskSignals<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, RiskHoldSignals>();
}
