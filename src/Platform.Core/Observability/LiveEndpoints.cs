using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.RateLimiting;
using Platform.Tenancy;

namespace Platform.Observability;

/// <summary>
/// The live dashboard's data (issue #17): the last minute on the answering node, from in-process windows — no
/// database work except an event's remaining inventory. Platform admins see the platform; tenant staff with reports
/// access see their own tenant, or one of its events with <c>?eventId=</c>.
/// </summary>
public static class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/platform/live", (LiveStats live, ProcessSampler process, CheckoutAdmission admission, TimeProvider clock) =>
                TypedResults.Ok(Build("platform", null, null, live.Platform(), process, admission, clock, null)))
            .RequireAuthorization(Policies.PlatformAdmin).WithTags("Operations").WithStandardProblems().WithName("GetPlatformLive")
            .WithSummary("The last minute on this node, platform-wide: orders/s, success rates, problem codes, latency, CPU, memory, database pool.");

        app.MapGet("/api/v1/live", GetTenantLiveAsync)
            .RequireAuthorization(Policies.ReportsRead).WithTags("Operations").WithStandardProblems().WithName("GetLive")
            .WithSummary("The last minute on this node for the caller's tenant, or one of its events (?eventId=) with its remaining inventory.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<LiveResponse>, ProblemHttpResult>> GetTenantLiveAsync(Guid? eventId, TenantContext tenant, LiveStats live,
        ProcessSampler process, CheckoutAdmission admission, PlatformDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        if (eventId is not { } ev)
        {
            return TypedResults.Ok(Build("tenant", tenantId, null, live.Tenant(tenantId), process, admission, clock, null));
        }

        // The tenant's query filter (and RLS) hide other tenants' events: their windows are never shown.
        if (!await db.Set<Event>().AnyAsync(e => e.Id == ev, ct))
        {
            return ApiProblems.NotFound("event");
        }

        return TypedResults.Ok(Build("event", tenantId, ev, live.Event(ev), process, admission, clock, await InventoryAsync(db, ev, ct)));
    }

    /// <summary>Remaining stock per occurrence: its quota counters, or its seats where no quota caps it.</summary>
    private static async Task<List<OccurrenceStockResponse>> InventoryAsync(PlatformDbContext db, Guid eventId, CancellationToken ct)
    {
        var occurrences = await db.Set<EventOccurrence>().AsNoTracking().Where(o => o.EventId == eventId).OrderBy(o => o.StartsAt)
            .Select(o => new { o.Id, o.StartsAt }).ToListAsync(ct);
        var quotas = await db.Set<QuotaCounter>().AsNoTracking().Where(c => c.EventId == eventId)
            .GroupBy(c => c.OccurrenceId)
            .Select(g => new { Occurrence = g.Key, Capacity = g.Sum(c => c.Capacity), Held = g.Sum(c => c.Held), Sold = g.Sum(c => c.Sold) })
            .ToDictionaryAsync(x => x.Occurrence, ct);
        var ids = occurrences.Select(o => o.Id).ToList();
        var seats = await db.Set<EventSeat>().AsNoTracking().Where(s => ids.Contains(s.OccurrenceId))
            .GroupBy(s => new { s.OccurrenceId, s.State }).Select(g => new { g.Key.OccurrenceId, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        return [.. occurrences.Select(o =>
        {
            if (quotas.TryGetValue(o.Id, out var q))
            {
                return new OccurrenceStockResponse(o.Id, o.StartsAt, q.Capacity, q.Held, q.Sold, q.Capacity - q.Held - q.Sold);
            }

            int Count(SeatState state) => seats.Where(s => s.OccurrenceId == o.Id && s.State == state).Sum(s => s.Count);
            var (available, held, sold) = (Count(SeatState.Available), Count(SeatState.Held), Count(SeatState.Sold));
            return new OccurrenceStockResponse(o.Id, o.StartsAt, available + held + sold, held, sold, available);
        })];
    }

    private static LiveResponse Build(string scope, Guid? tenantId, Guid? eventId, LiveSnapshot s, ProcessSampler process,
        CheckoutAdmission admission, TimeProvider clock, IReadOnlyList<OccurrenceStockResponse>? inventory)
    {
        StepRateResponse Step(LiveStep step)
        {
            var (attempts, ok) = (s.Attempts[(int)step], s.Successes[(int)step]);
            return new StepRateResponse(attempts, ok, attempts == 0 ? null : Math.Round((double)ok / attempts, 4));
        }

        var window = (double)LiveWindow.Seconds;
        return new LiveResponse(scope, tenantId, eventId, clock.GetUtcNow(), LiveWindow.Seconds,
            Math.Round(s.Series.Sum(p => p.Requests) / window, 2), Math.Round(s.Successes[(int)LiveStep.Order] / window, 2),
            Step(LiveStep.Hold), Step(LiveStep.Order), Step(LiveStep.Payment),
            [.. s.Codes.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new ErrorCodeCountResponse(c.Key, c.Value))],
            new LatencyResponse(s.PercentileMs(0.50), s.PercentileMs(0.95), s.PercentileMs(0.99)),
            admission.InFlight, process.Sample(), inventory,
            [.. s.Series.Select(p => new LivePointResponse(p.At, p.Requests, p.Orders, p.Payments, p.ServerErrors))]);
    }
}
