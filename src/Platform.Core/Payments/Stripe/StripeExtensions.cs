using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Payments.Stripe;

public static class StripeExtensions
{
    /// <summary>Stripe payments: per-tenant accounts, PaymentIntents with the platform's fee, the webhook and refunds.</summary>
    public static IHostApplicationBuilder AddStripePayments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(StripeGateway.HttpClientName);
        builder.Services.AddScoped<StripeAccounts>();
        builder.Services.AddScoped<StripeGateway>();
        builder.Services.AddScoped<IPaymentProvider, StripePaymentProvider>();
        builder.Services.AddScoped<StripeCheckout>();
        builder.Services.AddScoped<IPaymentSessionProvider>(sp => sp.GetRequiredService<StripeCheckout>());
        builder.Services.AddScoped<StripeWebhookHandler>();
        // The provider's side of the money: balance transactions synced hourly and on demand (ADR 0059).
        builder.Services.AddScoped<Balance.StripeBalanceSync>();
        builder.Services.AddHostedService<Balance.StripeBalanceSyncRegistration>();
        return builder;
    }
}
