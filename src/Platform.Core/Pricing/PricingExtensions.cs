using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Pricing.Quotes;
using Platform.Pricing.Rules;
using Platform.Pricing.Samples;
using Platform.Pricing.Vouchers;
using Platform.Samples;

namespace Platform.Pricing;

public static class PricingExtensions
{
    /// <summary>Pricing rules, vouchers, the quote service and the sample-tenant pricingRules section.</summary>
    public static IHostApplicationBuilder AddPricing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PricingRuleStore>();
        builder.Services.AddScoped<VoucherStore>();
        builder.Services.AddScoped<PricingQuoteService>();
        builder.Services.AddScoped<Quotes.EventQuoteBuilder>();
        builder.Services.AddScoped<ISampleSectionLoader, PricingRulesSampleLoader>();
        return builder;
    }

    /// <summary>Management API: /api/v1/pricing-rules and /api/v1/vouchers.</summary>
    public static IEndpointRouteBuilder MapPricing(this IEndpointRouteBuilder app)
    {
        PricingRuleEndpoints.Map(app);
        VoucherEndpoints.Map(app);
        app.MapEventQuotes();
        return app;
    }
}
