using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Events;
using Platform.Http;
using Platform.Persistence;
using Platform.Sales;

namespace Platform.Resellers;

/// <summary>One allocation of the calling reseller on an event: what it may still sell.</summary>
public sealed record ResellerEventAllocation(Guid AllocationId, Guid? TicketTypeId, int Quantity, int Held, int Sold, int Remaining);

/// <summary>An event a reseller can sell now or soon: on sale, with a reseller sales window not yet closed, and its allocations.</summary>
public sealed record ResellerEventResponse(Guid Id, string Title, string Category, EventStatus Status, DateTimeOffset? FirstStartsAt,
    DateTimeOffset SalesOpenAt, DateTimeOffset SalesCloseAt, IReadOnlyList<ResellerEventAllocation> Allocations);

/// <summary>
/// GET /api/v1/resellers/me/events (issue #21): the events the calling reseller can sell — on sale, with a reseller
/// window that has not closed, and an allocation for it — instead of the tenant's whole catalogue with drafts.
/// </summary>
internal static class ResellerEvents
{
    public static async Task<Results<Ok<CursorPage<ResellerEventResponse>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user,
        ResellerGate gate, PlatformDbContext db, TimeProvider clock, int? limit, string? cursor, CancellationToken ct)
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

        var now = clock.GetUtcNow();
        var allocated = db.Set<ResellerAllocation>().Where(a => a.ClientId == client);
        var windows = db.Set<SalesWindow>().Where(w => w.Channel == SalesChannel.Reseller && w.ClosesAt > now);
        var query = db.Set<Event>().AsNoTracking()
            .Where(e => e.Status == EventStatus.OnSale && allocated.Any(a => a.EventId == e.Id) && windows.Any(w => w.EventId == e.Id));
        if (after is { } afterId)
        {
            query = query.Where(e => e.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(e => e.Id).Take(take + 1).Select(e => new
        {
            Event = e,
            First = db.Set<EventOccurrence>().Where(o => o.EventId == e.Id).Min(o => (DateTimeOffset?)o.StartsAt),
            Opens = windows.Where(w => w.EventId == e.Id).Min(w => w.OpensAt),
            Closes = windows.Where(w => w.EventId == e.Id).Max(w => w.ClosesAt),
            Allocations = allocated.Where(a => a.EventId == e.Id).OrderBy(a => a.Id)
                .Select(a => new ResellerEventAllocation(a.Id, a.TicketTypeId, a.Quantity, a.Held, a.Sold, Math.Max(a.Quantity - a.Held - a.Sold, 0)))
                .ToList(),
        }).ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, r => r.Event.Id, r => new ResellerEventResponse(r.Event.Id, r.Event.Title,
            r.Event.Category, r.Event.Status, r.First, r.Opens, r.Closes, r.Allocations)));
    }
}
