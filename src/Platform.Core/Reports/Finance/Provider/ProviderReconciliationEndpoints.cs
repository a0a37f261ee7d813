using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Http;
using Platform.Payments.Stripe;
using Platform.Payments.Stripe.Balance;
using Platform.Reports.Sales;
using Platform.Tenancy;

namespace Platform.Reports.Finance.Provider;

/// <summary>/api/v1/reports/finance/provider-reconciliation: our books against Stripe's, and "sync now".</summary>
public static class ProviderReconciliationEndpoints
{
    public const string Path = "/api/v1/reports/finance/provider-reconciliation";

    public static IEndpointRouteBuilder MapProviderReconciliation(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Path).WithTags("Reports").RequireAuthorization(Policies.FinanceRead).WithStandardProblems()
            .MapGet("", async Task<Results<Ok<ProviderReconciliationResponse>, ProblemHttpResult>> (DateOnly? from, DateOnly? to, ReportInputs inputs,
                ProviderReconciliationReport report, CancellationToken ct) =>
            {
                var (period, problem) = await inputs.PeriodAsync(from, to, ct);
                return problem ?? (Results<Ok<ProviderReconciliationResponse>, ProblemHttpResult>)TypedResults.Ok(await report.RunAsync(period!, ct));
            })
            .WithName("GetProviderReconciliation")
            .WithSummary("Per tenant's day: our Stripe payments and refunds against Stripe's balance transactions, mismatches, fees, net and payouts.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // Starting a sync calls Stripe on the tenant's account: the people who keep the books (finance-write), not every reader.
        app.MapGroup(Path).WithTags("Reports").RequireAuthorization(Policies.FinanceWrite).WithStandardProblems()
            .MapPost("/sync", async Task<Results<Accepted<ProviderSyncStartedResponse>, ProblemHttpResult>> (StripeAccounts accounts,
                TenantContext tenant, IBackgroundJobClient jobs, CancellationToken ct) =>
            {
                if (accounts.Resolve(await accounts.FindAsync(ct)) is null)
                {
                    return ApiProblems.Unprocessable("stripe_not_configured",
                        "This organizer has no Stripe account, so there is no provider ledger to sync.");
                }

                var tenantId = tenant.RequiredTenantId;
                var job = jobs.Enqueue<StripeBalanceSyncJob>(j => j.SyncTenantAsync(tenantId, CancellationToken.None));
                return TypedResults.Accepted(Path, new ProviderSyncStartedResponse(job));
            })
            .WithName("SyncProviderLedger").WithSummary("Starts a sync of the tenant's Stripe balance transactions now (a background job).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
