using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Payments;

namespace Platform.Orders;

public static class OrdersExtensions
{
    /// <summary>Orders and payments. Data Protection's key storage is configured by identity; this only ensures the service.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection();
        builder.Services.AddScoped<OrderService>();
        builder.Services.AddScoped<PaymentService>();
        builder.Services.AddSingleton<IPaymentProvider, SandboxPaymentProvider>();
        builder.Services.AddSingleton<IPaymentProvider, CashPaymentProvider>();
        builder.Services.AddSingleton<IPaymentProvider, CardTerminalPaymentProvider>();
        builder.Services.AddScoped<ReconciliationService>();
        builder.Services.AddTransient<ReconciliationJob>();
        builder.Services.AddHostedService<ReconciliationRegistration>();
        return builder;
    }
}
