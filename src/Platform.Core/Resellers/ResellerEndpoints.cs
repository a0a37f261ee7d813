using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.Pricing.Rules;

namespace Platform.Resellers;

/// <summary>
/// Allocations (tenant admins and event managers: events-write), the per-reseller report (reports-read), and the
/// reseller's own orders and report (the reseller's client token: orders-read).
/// </summary>
public static class ResellerEndpoints
{
    public const string AllocationsPrefix = "/api/v1/reseller-allocations";

    public static IEndpointRouteBuilder MapResellers(this IEndpointRouteBuilder app)
    {
        var allocations = app.MapGroup(AllocationsPrefix).WithTags("Resellers").RequireAuthorization(Policies.EventsWrite).WithStandardProblems();
        allocations.MapPost("", CreateAsync).WithName("CreateResellerAllocation")
            .WithSummary("Grants a reseller (an API client of the tenant) an allocation of an event or of one of its ticket types.")
            .WithValidation<CreateAllocationRequest>().ProducesProblem(StatusCodes.Status409Conflict);
        allocations.MapGet("", ListAsync).WithName("ListResellerAllocations")
            .WithSummary("Lists allocations, optionally of one reseller (clientId) or one event (eventId).");
        allocations.MapGet("/{id:guid}", GetAsync).WithName("GetResellerAllocation")
            .WithSummary("Gets an allocation with its held, sold and remaining counts.").ProducesProblem(StatusCodes.Status404NotFound);
        allocations.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateResellerAllocation")
            .WithSummary("Changes an allocation's quantity, commission or price floor/ceiling; a quantity below what is held or sold is refused. Send If-Match with the version to guard against lost updates.")
            .WithValidation<UpdateAllocationRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        allocations.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteResellerAllocation")
            .WithSummary("Withdraws an allocation on which nothing is held or sold.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var resellers = app.MapGroup("/api/v1/resellers").WithTags("Resellers").WithStandardProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        resellers.MapGet("/{clientId}/report", ReportAsync).RequireAuthorization(Policies.ReportsRead).WithName("GetResellerReport")
            .WithSummary("A reseller's allocations with held, sold, remaining, gross sales and commission per event or ticket type.");
        resellers.MapGet("/me/report", MyReportAsync).RequireAuthorization(Policies.OrdersRead).WithName("GetMyResellerReport")
            .WithSummary("The calling reseller's own allocation and sales report.");
        resellers.MapGet("/me/events", ResellerEvents.ListAsync).RequireAuthorization(Policies.EventsRead).WithName("ListMyResellerEvents")
            .WithSummary("Lists the events the calling reseller can sell: on sale, with a reseller sales window not yet closed, and an allocation.");
        resellers.MapGet("/me/orders", MyOrdersAsync).RequireAuthorization(Policies.OrdersRead).WithName("ListMyResellerOrders")
            .WithSummary("Lists the orders of the calling reseller's holds, oldest first.");
        return app;
    }

    private static async Task<Results<Created<AllocationResponse>, ProblemHttpResult>> CreateAsync(CreateAllocationRequest request,
        AllocationService service, CancellationToken ct)
    {
        var allocation = await service.CreateAsync(request, ct);
        return TypedResults.Created($"{AllocationsPrefix}/{allocation.Id}", AllocationResponse.From((await service.FindAsync(allocation.Id, ct))!));
    }

    private static async Task<Results<Ok<CursorPage<AllocationResponse>>, ProblemHttpResult>> ListAsync(PlatformDbContext db, int? limit,
        string? cursor, string? clientId, Guid? eventId, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<ResellerAllocation>().AsNoTracking();
        if (clientId is not null)
        {
            query = query.Where(a => a.ClientId == clientId);
        }

        if (eventId is { } e)
        {
            query = query.Where(a => a.EventId == e);
        }

        if (after is { } afterId)
        {
            query = query.Where(a => a.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(a => a.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, a => a.Id, AllocationResponse.From));
    }

    private static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> GetAsync(Guid id, AllocationService service, CancellationToken ct) =>
        await service.FindAsync(id, ct) is { } a ? TypedResults.Ok(AllocationResponse.From(a)) : ApiProblems.NotFound("allocation");

    private static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateAllocationRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, AllocationService service, CancellationToken ct)
    {
        if (!IfMatch.TryParse(ifMatch, out var expected))
        {
            return IfMatch.Invalid();
        }

        if (await service.FindAsync(id, ct) is not { } allocation)
        {
            return ApiProblems.NotFound("allocation");
        }

        var updated = await service.UpdateAsync(allocation, request, expected, ct);
        return TypedResults.Ok(AllocationResponse.From((await service.FindAsync(updated.Id, ct))!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AllocationService service, CancellationToken ct)
    {
        if (await service.FindAsync(id, ct) is not { } allocation)
        {
            return ApiProblems.NotFound("allocation");
        }

        await service.DeleteAsync(allocation, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ResellerReport>, ProblemHttpResult>> ReportAsync(string clientId, ResellerReports reports,
        ResellerGate gate, CancellationToken ct) =>
        clientId.Length <= 100 && await gate.IsResellerAsync(clientId, ct)
            ? TypedResults.Ok(await reports.ForAsync(clientId, ct)) : ApiProblems.NotFound("reseller");

    private static async Task<Results<Ok<ResellerReport>, ProblemHttpResult>> MyReportAsync(ClaimsPrincipal user, ResellerReports reports,
        ResellerGate gate, CancellationToken ct) =>
        await gate.RestrictedToAsync(user, ct) is { } client ? TypedResults.Ok(await reports.ForAsync(client, ct)) : ApiProblems.NotFound("reseller");

    private static async Task<Results<Ok<CursorPage<ResellerOrderSummary>>, ProblemHttpResult>> MyOrdersAsync(ClaimsPrincipal user,
        ResellerGate gate, PlatformDbContext db, OrderService orders, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        if (await gate.RestrictedToAsync(user, ct) is not { } client)
        {
            return ApiProblems.NotFound("reseller");
        }

        var key = ResellerGate.CreatedByKey(client);
        var query = db.Set<Order>().AsNoTracking().Where(o => db.Set<Hold>().Any(h => h.Id == o.HoldId && h.CreatedBy == key));
        if (after is { } afterId)
        {
            query = query.Where(o => o.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(o => o.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, o => o.Id, o => new ResellerOrderSummary(o.Id, o.HoldId, o.EventId, o.OccurrenceId,
            orders.EffectiveState(o), o.Currency, o.Total, o.RefundedAmount, o.CreatedAt, o.PaidAt)));
    }
}
