using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Authorization;
using Platform.Http;
using Platform.Persistence;

namespace Platform.Events;

public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/events").WithTags("Events").RequireAuthorization(Policies.EventsRead).WithStandardProblems();
        var write = app.MapGroup("/api/v1/events").WithTags("Events").RequireAuthorization(Policies.EventsWrite).WithStandardProblems();

        write.MapPost("", CreateAsync).WithName("CreateEvent")
            .WithSummary("Creates a draft event with one occurrence (single) or several (series), and its sales windows per channel.")
            .WithValidation<CreateEventRequest>();
        read.MapGet("", ListAsync).WithName("ListEvents").WithSummary("Lists the tenant's events, optionally by status.");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetEvent")
            .WithSummary("Gets an event with its occurrences, sales windows, quotas and ticket types.").ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateEvent")
            .WithSummary("Changes an event's title, description, category, time zone or per-buyer ticket limit. Send If-Match with the version to guard against lost updates.")
            .WithValidation<UpdateEventRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/occurrences", AddOccurrenceAsync).WithName("AddEventOccurrence")
            .WithSummary("Adds an occurrence to an event (making it a series), with its inventory.")
            .WithValidation<OccurrenceRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPut("/{id:guid}/sales-windows", ReplaceSalesWindowsAsync).WithName("ReplaceSalesWindows")
            .WithSummary("Replaces the event's sales windows; windows of one channel must not overlap.")
            .WithValidation<ReplaceSalesWindowsRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/quotas", AddQuotaAsync).WithName("AddQuota")
            .WithSummary("Adds a capacity shared by the ticket types that draw from it; counters are created per occurrence.")
            .WithValidation<QuotaRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPatch("/{id:guid}/quotas/{quotaId:guid}", UpdateQuotaAsync).WithName("UpdateQuota")
            .WithSummary("Renames a quota or changes its capacity; a capacity below what is sold or held is refused.")
            .WithValidation<UpdateQuotaRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/ticket-types", AddTicketTypeAsync).WithName("AddTicketType")
            .WithSummary("Adds a general-admission or seated ticket type, priced in integer minor units of the tenant's currency.")
            .WithValidation<TicketTypeRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPatch("/{id:guid}/ticket-types/{ticketTypeId:guid}", UpdateTicketTypeAsync).WithName("UpdateTicketType")
            .WithSummary("Changes a ticket type's name, price, per-order limits or channels; price changes are audited.")
            .WithValidation<UpdateTicketTypeRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapDelete("/{id:guid}/ticket-types/{ticketTypeId:guid}", RemoveTicketTypeAsync).WithName("RemoveTicketType")
            .WithSummary("Removes a ticket type nothing was sold or held for; otherwise 409 ticket_type_in_use (take it off sale with channels: [] instead).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        read.MapGet("/{id:guid}/occurrences/{occurrenceId:guid}/inventory", GetInventoryAsync).WithName("GetOccurrenceInventory")
            .WithSummary("Gets an occurrence's live inventory: quota counters and seat states per section.").ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("/{id:guid}/occurrences/{occurrenceId:guid}/seats/block", BlockSeatsAsync).WithName("BlockSeats")
            .WithSummary("Blocks available seats of an occurrence (or releases blocked ones with blocked=false); all or nothing.")
            .WithValidation<SeatBlockRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        MapTransition(write, "publish", EventStatus.Published, "PublishEvent", "Publishes a draft event (it needs a ticket type); it appears in the catalog.");
        MapTransition(write, "open-sales", EventStatus.OnSale, "OpenEventSales", "Puts a published (or sold-out) event on sale.");
        MapTransition(write, "mark-sold-out", EventStatus.SoldOut, "MarkEventSoldOut", "Marks an on-sale event sold out.");
        MapTransition(write, "end", EventStatus.Ended, "EndEvent", "Ends a published, on-sale or sold-out event.");
        MapTransition(write, "cancel", EventStatus.Cancelled, "CancelEvent", "Cancels an event that has not ended.");
        return app;
    }

    private static void MapTransition(RouteGroupBuilder group, string verb, EventStatus to, string name, string summary) =>
        group.MapPost($"/{{id:guid}}/{verb}", async Task<Results<Ok<EventResponse>, ProblemHttpResult>> (
                Guid id, EventService events, PlatformDbContext db, CancellationToken ct) =>
            {
                if (await events.FindAsync(id, ct) is not { } ev)
                {
                    return ApiProblems.NotFound("event");
                }

                await events.TransitionAsync(ev, to, ct);
                return TypedResults.Ok(await LoadAsync(db, ev, ct));
            })
            .WithName(name).WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Created<EventResponse>> CreateAsync(CreateEventRequest request, EventService events, PlatformDbContext db, CancellationToken ct)
    {
        var ev = await events.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/events/{ev.Id}", await LoadAsync(db, ev, ct));
    }

    private static async Task<Results<Ok<CursorPage<EventSummaryResponse>>, ProblemHttpResult>> ListAsync(
        PlatformDbContext db, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (!QueryValues.TryParseEnum<EventStatus>(status, out var statusFilter))
        {
            errors["status"] = [$"status must be one of: {QueryValues.Allowed<EventStatus>()}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        var query = db.Set<Event>().AsNoTracking();
        if (statusFilter is { } s)
        {
            query = query.Where(e => e.Status == s);
        }

        if (after is { } a)
        {
            query = query.Where(e => e.Id.CompareTo(a) > 0);
        }

        var rows = await query.OrderBy(e => e.Id).Take(take + 1)
            .Select(e => new
            {
                Event = e,
                First = db.Set<EventOccurrence>().Where(o => o.EventId == e.Id).Min(o => (DateTimeOffset?)o.StartsAt),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(Cursor.Page(rows, take, r => r.Event.Id,
            r => new EventSummaryResponse(r.Event.Id, r.Event.Title, r.Event.Category, r.Event.Status, r.First, r.Event.CreatedAt)));
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetAsync(Guid id, EventService events, PlatformDbContext db, CancellationToken ct) =>
        await events.FindAsync(id, ct) is { } ev ? TypedResults.Ok(await LoadAsync(db, ev, ct)) : ApiProblems.NotFound("event");

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateEventRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, EventService events, PlatformDbContext db, CancellationToken ct)
    {
        if (!Pricing.Rules.IfMatch.TryParse(ifMatch, out var expected))
        {
            return Pricing.Rules.IfMatch.Invalid();
        }

        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        // Two people editing one event: the second save, made from the version it read, is refused instead of
        // silently overwriting the first (the console then shows the other version).
        Pricing.PricingAudit.CheckVersion(ev.Version, expected, "event");
        await events.UpdateAsync(ev, request, ct);
        return TypedResults.Ok(await LoadAsync(db, ev, ct));
    }

    private static async Task<Results<Created<OccurrenceResponse>, ProblemHttpResult>> AddOccurrenceAsync(
        Guid id, OccurrenceRequest request, EventService events, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        var occurrence = await events.AddOccurrenceAsync(ev, request, ct);
        return TypedResults.Created($"/api/v1/events/{id}", EventMapping.ToResponse(occurrence));
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> ReplaceSalesWindowsAsync(
        Guid id, ReplaceSalesWindowsRequest request, EventService events, PlatformDbContext db, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        await events.ReplaceSalesWindowsAsync(ev, request.SalesWindows!, ct);
        return TypedResults.Ok(await LoadAsync(db, ev, ct));
    }

    private static async Task<Results<Created<QuotaResponse>, ProblemHttpResult>> AddQuotaAsync(
        Guid id, QuotaRequest request, EventService events, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        var quota = await events.AddQuotaAsync(ev, request, ct);
        return TypedResults.Created($"/api/v1/events/{id}", EventMapping.ToResponse(quota));
    }

    private static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> UpdateQuotaAsync(
        Guid id, Guid quotaId, UpdateQuotaRequest request, EventService events, PlatformDbContext db, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        if (await db.Set<Quota>().FirstOrDefaultAsync(q => q.Id == quotaId && q.EventId == id, ct) is not { } quota)
        {
            return ApiProblems.NotFound("quota");
        }

        await events.UpdateQuotaAsync(ev, quota, request, ct);
        return TypedResults.Ok(EventMapping.ToResponse(quota));
    }

    private static async Task<Results<Created<TicketTypeResponse>, ProblemHttpResult>> AddTicketTypeAsync(
        Guid id, TicketTypeRequest request, EventService events, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        var type = await events.AddTicketTypeAsync(ev, request, ct);
        return TypedResults.Created($"/api/v1/events/{id}", EventMapping.ToResponse(type));
    }

    private static async Task<Results<Ok<TicketTypeResponse>, ProblemHttpResult>> UpdateTicketTypeAsync(
        Guid id, Guid ticketTypeId, UpdateTicketTypeRequest request, EventService events, PlatformDbContext db, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        if (await db.Set<TicketType>().FirstOrDefaultAsync(t => t.Id == ticketTypeId && t.EventId == id, ct) is not { } type)
        {
            return ApiProblems.NotFound("ticket type");
        }

        await events.UpdateTicketTypeAsync(ev, type, request, ct);
        return TypedResults.Ok(EventMapping.ToResponse(type));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveTicketTypeAsync(
        Guid id, Guid ticketTypeId, EventService events, PlatformDbContext db, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        if (await db.Set<TicketType>().FirstOrDefaultAsync(t => t.Id == ticketTypeId && t.EventId == id, ct) is not { } type)
        {
            return ApiProblems.NotFound("ticket type");
        }

        await events.RemoveTicketTypeAsync(ev, type, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<OccurrenceInventoryResponse>, ProblemHttpResult>> GetInventoryAsync(
        Guid id, Guid occurrenceId, PlatformDbContext db, CancellationToken ct)
    {
        if (!await db.Set<EventOccurrence>().AnyAsync(o => o.Id == occurrenceId && o.EventId == id, ct))
        {
            return ApiProblems.NotFound("occurrence");
        }

        return TypedResults.Ok(await InventoryReader.ReadAsync(db, occurrenceId, ct));
    }

    private static async Task<Results<Ok<SeatBlockResponse>, ProblemHttpResult>> BlockSeatsAsync(
        Guid id, Guid occurrenceId, SeatBlockRequest request, EventService events, PlatformDbContext db, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } ev)
        {
            return ApiProblems.NotFound("event");
        }

        if (!await db.Set<EventOccurrence>().AnyAsync(o => o.Id == occurrenceId && o.EventId == id, ct))
        {
            return ApiProblems.NotFound("occurrence");
        }

        var blocked = request.Blocked!.Value;
        var changed = await events.SetSeatsBlockedAsync(ev, occurrenceId, request.SeatIds!, blocked, ct);
        return TypedResults.Ok(new SeatBlockResponse(occurrenceId, changed, blocked ? SeatState.Blocked : SeatState.Available));
    }

    internal static async Task<EventResponse> LoadAsync(PlatformDbContext db, Event ev, CancellationToken ct)
    {
        var occurrences = await db.Set<EventOccurrence>().AsNoTracking().Where(o => o.EventId == ev.Id).OrderBy(o => o.StartsAt).ToListAsync(ct);
        var windows = await db.Set<SalesWindow>().AsNoTracking().Where(w => w.EventId == ev.Id).OrderBy(w => w.OpensAt).ToListAsync(ct);
        var quotas = await db.Set<Quota>().AsNoTracking().Where(q => q.EventId == ev.Id).OrderBy(q => q.Id).ToListAsync(ct);
        var types = await db.Set<TicketType>().AsNoTracking().Where(t => t.EventId == ev.Id).OrderBy(t => t.Id).ToListAsync(ct);
        return new EventResponse(ev.Id, ev.Title, ev.Description, ev.Category, ev.VenueId, ev.TimeZone, ev.Status, occurrences.Count > 1,
            [.. occurrences.Select(EventMapping.ToResponse)], [.. windows.Select(EventMapping.ToResponse)],
            [.. quotas.Select(EventMapping.ToResponse)], [.. types.Select(EventMapping.ToResponse)],
            ev.CreatedAt, ev.UpdatedAt, ev.PublishedAt, ev.Version, ev.MaxTicketsPerBuyer);
    }
}
