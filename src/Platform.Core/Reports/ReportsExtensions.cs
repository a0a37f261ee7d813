using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Authorization;
using Platform.Http;
using Platform.Reports.Analytics;
using Platform.Reports.Finance;
using Platform.Reports.Sales;

namespace Platform.Reports;

/// <summary>Reports and exports for analysts and finance (issue #18; ADR 0041).</summary>
public static class ReportsExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportSql>();
        builder.Services.AddScoped<ReportInputs>();
        builder.Services.AddScoped<SalesReports>();
        builder.Services.AddScoped<FinanceReports>();
        builder.Services.AddScoped<AnalyticsReports>();
        builder.Services.AddScoped<Finance.Provider.ProviderReconciliationReport>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        // Figures for analysts and finance; exports that name buyers (personal data) only for finance.
        var finance = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.FinanceRead).WithStandardProblems();
        app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.ReportsRead).WithStandardProblems()
            .MapSalesReports(finance)
            .MapAnalytics();
        app.MapFinance();
        Finance.Provider.ProviderReconciliationEndpoints.MapProviderReconciliation(app);
        return app;
    }
}
