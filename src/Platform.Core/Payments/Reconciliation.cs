using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.BackgroundJobs;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.Tickets;

namespace Platform.Payments;

/// <summary>A payment that does not match exactly one order in a state that took money, or a paid order without one payment.</summary>
public sealed record PaymentMismatchResponse(Guid? PaymentId, Guid OrderId, string Problem, long Amount, string Currency);

/// <summary>
/// An order line whose valid tickets do not match what was sold: a paid line short of tickets (tickets_missing), one with
/// more valid tickets than it kept after refunds (tickets_in_excess), or valid tickets of an order that took no money
/// (tickets_for_unpaid_order; <see cref="Expected"/> is then 0). Only tickets of the line's event and ticket type count.
/// </summary>
public sealed record TicketMismatchResponse(Guid OrderId, Guid OrderLineId, string Problem, int Expected, int Valid);

/// <summary>Paid orders with fewer valid tickets than they kept after refunds, and how many tickets they miss in all.</summary>
public sealed record MissingTicketsResponse(int Orders, int Tickets);

public sealed record ReconciliationResponse(DateTimeOffset CheckedAt, IReadOnlyList<PaymentMismatchResponse> PaymentMismatches,
    IReadOnlyList<TicketMismatchResponse> TicketMismatches, MissingTicketsResponse PaidOrdersWithoutTickets);

/// <summary>Cross-checks payments against orders, and orders against their tickets. Read-only; the job logs findings, the endpoint returns them.</summary>
public sealed class ReconciliationService(PlatformDbContext db, TimeProvider clock)
{
    public const int MaxMismatches = 500;

    private static readonly OrderState[] MoneyStates = [OrderState.Paid, OrderState.PartiallyRefunded, OrderState.Refunded];

    public async Task<ReconciliationResponse> RunAsync(CancellationToken ct)
    {
        var moneyStates = MoneyStates;
        var succeeded = db.Set<Payment>().AsNoTracking().Where(p => p.Kind == Payment.KindPayment && p.Status == Payment.Succeeded);

        var refunds = db.Set<Payment>().AsNoTracking().Where(r => r.Kind == Payment.KindRefund && r.Status == Payment.Succeeded);

        // Money taken for an order that is not paid (or whose order row is missing), unless it was all given back
        // (a Stripe payment arriving after the order expired is recorded and refunded automatically).
        var orphaned = await (from p in succeeded
                              join o in db.Set<Order>().AsNoTracking() on p.OrderId equals o.Id into orders
                              from o in orders.DefaultIfEmpty()
                              where o == null || (!moneyStates.Contains(o.State)
                                                  && (refunds.Where(r => r.OrderId == p.OrderId).Sum(r => (long?)r.Amount) ?? 0) < p.Amount)
                              orderby p.Id
                              select new PaymentMismatchResponse(p.Id, p.OrderId, o == null ? "payment_without_order" : "payment_for_unpaid_order",
                                  p.Amount, p.Currency))
            .Take(MaxMismatches).ToListAsync(ct);

        // Paid orders with zero, or more than one, succeeded payment.
        var counted = await db.Set<Order>().AsNoTracking().Where(o => moneyStates.Contains(o.State))
            .Select(o => new { o.Id, o.Total, o.Currency, Payments = succeeded.Count(p => p.OrderId == o.Id) })
            .Where(o => o.Payments != 1).OrderBy(o => o.Id).Take(MaxMismatches).ToListAsync(ct);
        var mismatches = orphaned.Concat(counted.Select(o => new PaymentMismatchResponse(null, o.Id,
            o.Payments == 0 ? "paid_order_without_payment" : "paid_order_with_several_payments", o.Total, o.Currency))).ToList();

        var tickets = await TicketMismatchesAsync(ct);
        var missing = tickets.Where(t => t.Problem == "tickets_missing").ToList();
        return new ReconciliationResponse(clock.GetUtcNow(), mismatches, tickets,
            new MissingTicketsResponse(missing.Select(t => t.OrderId).Distinct().Count(), missing.Sum(t => t.Expected - t.Valid)));
    }

    /// <summary>
    /// Counts each line's real tickets (valid, of the line's event and ticket type) against what the line kept: its
    /// quantity less refunded units while the order took money, none otherwise. Issuance happens in the payment's own
    /// transaction, so any difference is damage done outside the platform, never tickets "still to be issued".
    /// </summary>
    private async Task<List<TicketMismatchResponse>> TicketMismatchesAsync(CancellationToken ct)
    {
        var moneyStates = MoneyStates;
        var rows = await (from l in db.Set<OrderLine>().AsNoTracking()
                          join o in db.Set<Order>().AsNoTracking() on l.OrderId equals o.Id
                          let paid = moneyStates.Contains(o.State)
                          let expected = paid ? l.Quantity - l.RefundedQuantity : 0
                          let valid = db.Set<Ticket>().Count(t => t.OrderId == o.Id && t.OrderLineId == l.Id && t.State == TicketState.Valid
                                                                  && t.EventId == o.EventId && t.TicketTypeId == l.TicketTypeId)
                          where valid != expected
                          orderby o.Id, l.Id
                          select new { OrderId = o.Id, LineId = l.Id, Paid = paid, Expected = expected, Valid = valid })
            .Take(MaxMismatches).ToListAsync(ct);
        return [.. rows.Select(r => new TicketMismatchResponse(r.OrderId, r.LineId,
            !r.Paid ? "tickets_for_unpaid_order" : r.Valid < r.Expected ? "tickets_missing" : "tickets_in_excess", r.Expected, r.Valid))];
    }
}

public static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliation(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Policies.ReportsRead).WithStandardProblems()
            .MapGet("/reconciliation", async Task<Ok<ReconciliationResponse>> (ReconciliationService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RunAsync(ct)))
            .WithName("GetPaymentReconciliation")
            .WithSummary("Reports every payment without exactly one paid order, and order lines whose valid tickets do not match what was sold.");
        return app;
    }
}

/// <summary>Runs reconciliation for every tenant and logs what does not add up.</summary>
public sealed class ReconciliationJob(IServiceScopeFactory scopes, ILogger<ReconciliationJob> logger)
{
    public const string JobId = "payments-reconciliation";

    public async Task RunAsync(CancellationToken ct)
    {
        List<Guid> tenantIds;
        using (var scope = scopes.CreateScope())
        {
            tenantIds = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<Tenant>().AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        }

        foreach (var tenantId in tenantIds)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var report = await scope.ServiceProvider.GetRequiredService<ReconciliationService>().RunAsync(ct);
            foreach (var m in report.PaymentMismatches)
            {
                logger.LogWarning("Reconciliation {TenantId}: {Problem} order {OrderId} payment {PaymentId} {Amount} {Currency}",
                    tenantId, m.Problem, m.OrderId, m.PaymentId, m.Amount, m.Currency);
            }

            foreach (var m in report.TicketMismatches)
            {
                logger.LogWarning("Reconciliation {TenantId}: {Problem} order {OrderId} line {OrderLineId} expected {Expected} valid {Valid}",
                    tenantId, m.Problem, m.OrderId, m.OrderLineId, m.Expected, m.Valid);
            }
        }
    }
}

internal sealed class ReconciliationRegistration(IServiceProvider services, IOptions<BackgroundJobOptions> jobs,
    ILogger<ReconciliationRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (jobs.Value.RunServer)
        {
            try
            {
                services.GetRequiredService<IRecurringJobManager>()
                    .AddOrUpdate<ReconciliationJob>(ReconciliationJob.JobId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not register the reconciliation job");
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
