using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Orders;

namespace Platform.Resellers;

public static class ResellersExtensions
{
    /// <summary>Reseller allocations, the reseller gate holds and orders consult, and the order placement/refund hooks.</summary>
    public static IHostApplicationBuilder AddResellers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ResellerGate>();
        builder.Services.AddScoped<AllocationService>();
        builder.Services.AddScoped<ResellerReports>();
        builder.Services.AddScoped<IOrderPlacementCheck, ResellerPlacementCheck>();
        builder.Services.AddScoped<IOrderStateObserver, ResellerRefundObserver>();
        return builder;
    }
}
