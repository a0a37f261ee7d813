using Microsoft.Extensions.Localization;
using Platform.Tickets.Localization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Events;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.RateLimiting;
using Platform.Tenancy;
using Platform.Tenancy.PublicProfile;
using Platform.Tickets.Codes;
using Platform.Tickets.Ledger;
using Platform.Tickets.Rendering;
using Platform.Tickets.Transfers;

namespace Platform.Tickets;

/// <summary>Tickets for staff (by order, by id, per event) and for buyers and holders on the public tenant surface.</summary>
public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        MapPublic(app);
        MapStaff(app);
        return app;
    }

    private static void MapPublic(IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(TenantProfileEndpoints.PublicTenantPrefix).WithTags("Public tickets").AllowAnonymous().WithStandardProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        open.MapGet("/ticket-keys", async Task<Ok<TicketJsonWebKeySet>> (TicketKeyStore keys, CancellationToken ct) =>
                TypedResults.Ok(new TicketJsonWebKeySet([.. (await keys.PublicKeysAsync(null, ct)).Select(ToJwk)])))
            .WithName("GetTicketKeys")
            .WithSummary("The tenant's ticket verification keys as a JWK set (EC P-256, ES256), active and retired, for offline gates.");
        open.MapGet("/orders/{id:guid}/tickets", async Task<Results<Ok<TicketListResponse>, ProblemHttpResult>> (Guid id,
                [FromHeader(Name = OrderTokens.Header)] string? token, OrderService orders, TicketService tickets, CancellationToken ct) =>
            {
                var order = await orders.FindAsync(id, ct);
                if (order is null || !HoldService.TokenMatches(token, order.TokenHash))
                {
                    return ApiProblems.NotFound("order");
                }

                return TypedResults.Ok(new TicketListResponse(await tickets.ToResponsesAsync(await tickets.ForOrderAsync(id, ct), ct)));
            })
            .WithName("ListPublicOrderTickets").WithSummary("Lists an order's tickets with their QR payloads; requires the order's X-Order-Token.");
        open.MapPost("/tickets/lookup", async Task<Results<Ok<TicketListResponse>, ProblemHttpResult>> (TicketLookupRequest request,
                OrderService orders, TicketService tickets, CancellationToken ct) =>
            {
                var order = await orders.FindAsync(request.OrderId!.Value, ct);
                var presented = Encoding.ASCII.GetBytes(HoldService.EmailKey(request.Email)!);
                // Same answer for an unknown order and a wrong email, compared in constant time.
                if (order is null || !CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(order.BuyerEmailHash)))
                {
                    return ApiProblems.NotFound("order");
                }

                return TypedResults.Ok(new TicketListResponse(await tickets.ToResponsesAsync(await tickets.ForOrderAsync(order.Id, ct), ct)));
            })
            .WithValidation<TicketLookupRequest>().RequireRateLimiting(RateLimitPolicies.Checkout).WithName("LookupTickets")
            .WithSummary("Finds an order's tickets by order id and the buyer's email (404 for either wrong). Rate limited.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        open.MapGet("/tickets/{id:guid}", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (Guid id, HttpRequest http, TicketService tickets,
                OrderService orders, CancellationToken ct) =>
                await TicketAccess.LoadAsync(id, http, tickets, orders, ct) is { } ticket
                    ? TypedResults.Ok(await tickets.ToResponseAsync(ticket, ct)) : ApiProblems.NotFound("ticket"))
            .WithName("GetPublicTicket").WithSummary("Gets a ticket; requires its X-Ticket-Token (or ?token=) or the order's X-Order-Token.");
        MapRenderings(open, "Public", async (id, http, sp, ct) =>
            await TicketAccess.LoadAsync(id, http, sp.GetRequiredService<TicketService>(), sp.GetRequiredService<OrderService>(), ct),
            "requires its X-Ticket-Token (or ?token=) or the order's X-Order-Token");
        open.MapPost("/tickets/{id:guid}/transfer", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (Guid id, TransferTicketRequest request,
                HttpRequest http, TicketService tickets, OrderService orders, TransferService transfers, CancellationToken ct) =>
            {
                if (await TicketAccess.LoadAsync(id, http, tickets, orders, ct) is not { } ticket)
                {
                    return ApiProblems.NotFound("ticket");
                }

                await transfers.TransferAsync(ticket, request, "holder", ct);
                return TypedResults.Ok(await tickets.ToResponseAsync(ticket, ct));
            })
            .WithValidation<TransferTicketRequest>().RequireRateLimiting(RateLimitPolicies.Checkout).WithName("TransferPublicTicket")
            .WithSummary("The holder (X-Ticket-Token) or buyer (X-Order-Token) transfers the ticket to a new holder; the old QR stops admitting.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static void MapStaff(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1").WithTags("Tickets").WithStandardProblems().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/orders/{id:guid}/tickets", async Task<Results<Ok<TicketListResponse>, ProblemHttpResult>> (Guid id, OrderService orders,
                TicketService tickets, CancellationToken ct) =>
                await orders.FindAsync(id, ct) is null
                    ? ApiProblems.NotFound("order")
                    : TypedResults.Ok(new TicketListResponse(await tickets.ToResponsesAsync(await tickets.ForOrderAsync(id, ct), ct))))
            .RequireAuthorization(Policies.OrdersRead).WithName("ListOrderTickets").WithSummary("Lists the tickets issued for an order.");
        staff.MapGet("/tickets/{id:guid}", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (Guid id, TicketService tickets, CancellationToken ct) =>
                await tickets.FindAsync(id, ct) is { } ticket ? TypedResults.Ok(await tickets.ToResponseAsync(ticket, ct)) : ApiProblems.NotFound("ticket"))
            .RequireAuthorization(Policies.OrdersRead).WithName("GetTicket").WithSummary("Gets a ticket with its holder, seat and a fresh QR payload.");
        staff.MapGet("/events/{eventId:guid}/tickets", ListForEventAsync)
            .RequireAuthorization(Policies.OrdersRead).WithName("ListEventTickets")
            .WithSummary("Lists an event's tickets in issue order, optionally by state, with cursor paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        MapRenderings(staff, "", async (id, _, sp, ct) => await sp.GetRequiredService<TicketService>().FindAsync(id, ct), null)
            .RequireAuthorization(Policies.OrdersRead);
        staff.MapPost("/tickets/{id:guid}/transfer", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (Guid id, TransferTicketRequest request,
                TicketService tickets, TransferService transfers, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (await tickets.FindAsync(id, ct) is not { } ticket)
                {
                    return ApiProblems.NotFound("ticket");
                }

                await transfers.TransferAsync(ticket, request, HoldEndpoints.CreatedBy(user), ct);
                return TypedResults.Ok(await tickets.ToResponseAsync(ticket, ct));
            })
            .WithValidation<TransferTicketRequest>().RequireAuthorization(Policies.OrdersWrite).WithName("TransferTicket")
            .WithSummary("Staff transfer a ticket to a new holder (name, email): the code version increments, the old QR stops admitting.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        staff.MapGet("/tickets/{id:guid}/history", async Task<Results<Ok<TicketHistoryResponse>, ProblemHttpResult>> (Guid id, TicketService tickets,
                TicketLedger ledger, CancellationToken ct) =>
            {
                if (await tickets.FindAsync(id, ct) is null)
                {
                    return ApiProblems.NotFound("ticket");
                }

                await ledger.SealAsync(ct);
                var (entries, verification) = await ledger.HistoryAsync(id, ct);
                return TypedResults.Ok(new TicketHistoryResponse(id, [.. entries.Select(LedgerContracts.ToResponse)], LedgerContracts.ToResponse(verification)));
            })
            .RequireAuthorization(Policies.OrdersRead).WithName("GetTicketHistory")
            .WithSummary("A ticket's provenance entries (issued, transferred, revoked, checked in) with a verification of their links in the tenant's hash chain.");
        staff.MapGet("/ledger/verify", async Task<Ok<LedgerVerificationResponse>> (TicketLedger ledger, CancellationToken ct) =>
            {
                await ledger.SealAsync(ct);
                return TypedResults.Ok(LedgerContracts.ToResponse(await ledger.VerifyAsync(ct)));
            })
            .RequireAuthorization(Policies.TenantAdmin).WithName("VerifyTicketLedger")
            .WithSummary("Verifies the tenant's whole ticket ledger: contiguous sequence, every link and hash, and the recorded head.");
        staff.MapPost("/ticket-keys/rotate", async Task<Ok<TicketJsonWebKey>> (TicketKeyStore keys, CancellationToken ct) =>
                TypedResults.Ok(ToJwk(await keys.RotateAsync(ct))))
            .RequireAuthorization(Policies.TenantAdmin).WithName("RotateTicketKey")
            .WithSummary("Makes a new ticket signing key active; the previous one stays published as verify-only, so issued codes keep verifying.");
        staff.MapGet("/events/{eventId:guid}/ticket-settings", async Task<Results<Ok<EventTicketSettingsResponse>, ProblemHttpResult>> (Guid eventId,
                PlatformDbContext db, CancellationToken ct) =>
            {
                if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var s = await db.Set<EventTicketSettings>().AsNoTracking().FirstOrDefaultAsync(x => x.EventId == eventId, ct);
                return TypedResults.Ok(s is null ? new EventTicketSettingsResponse(eventId, true, null, null, null, TicketHolderNames.Buyer) : ToResponse(s));
            })
            .RequireAuthorization(Policies.EventsRead).WithName("GetEventTicketSettings").WithSummary("Gets an event's ticket rules: transfers and whether holders are named at checkout.");
        staff.MapPut("/events/{eventId:guid}/ticket-settings", async Task<Results<Ok<EventTicketSettingsResponse>, ProblemHttpResult>> (Guid eventId,
                EventTicketSettingsRequest request, PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
            {
                if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
                {
                    return ApiProblems.NotFound("event");
                }

                var s = await db.Set<EventTicketSettings>().FirstOrDefaultAsync(x => x.EventId == eventId, ct);
                if (s is null)
                {
                    s = new EventTicketSettings { EventId = eventId };
                    db.Add(s);
                }

                s.TransfersEnabled = request.TransfersEnabled!.Value;
                s.TransferDeadline = request.TransferDeadline?.ToUniversalTime();
                s.MaxTransfersPerTicket = request.MaxTransfersPerTicket;
                s.HolderNames = request.HolderNames ?? TicketHolderNames.Buyer;
                s.UpdatedAt = clock.GetUtcNow();
                audit.Record("event.ticket_settings_updated", "event", eventId.ToString(), new Dictionary<string, FieldChange>
                {
                    ["transfersEnabled"] = new(null, s.TransfersEnabled),
                    ["transferDeadline"] = new(null, s.TransferDeadline),
                    ["maxTransfersPerTicket"] = new(null, s.MaxTransfersPerTicket),
                    ["holderNames"] = new(null, s.HolderNames),
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    throw new ConflictException("concurrent_change", "The settings changed meanwhile; reload them and try again.");
                }

                return TypedResults.Ok(ToResponse(s));
            })
            .WithValidation<EventTicketSettingsRequest>().RequireAuthorization(Policies.EventsWrite).WithName("PutEventTicketSettings")
            .WithSummary("Sets an event's ticket transfer rules: enabled, an optional deadline and an optional limit per ticket.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>QR as PNG and SVG, and the printable ticket as HTML and PDF, under /tickets/{id}/.</summary>
    private static RouteGroupBuilder MapRenderings(IEndpointRouteBuilder routes, string namePrefix,
        Func<Guid, HttpRequest, IServiceProvider, CancellationToken, Task<Ticket?>> load, string? access)
    {
        var group = routes.MapGroup("/tickets/{id:guid}").ProducesProblem(StatusCodes.Status409Conflict);
        var suffix = access is null ? "." : $"; {access}.";
        group.MapGet("/qr.png", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, HttpContext http, CancellationToken ct) =>
                await RenderAsync(id, http, load, (t, _) => TypedResults.File(QrImages.Png(t.QrPayload!), "image/png"), ct))
            .WithName(namePrefix + "GetTicketQrPng").WithSummary("The ticket's QR code as a PNG image" + suffix)
            .Produces(StatusCodes.Status200OK, typeof(Stream), "image/png");
        group.MapGet("/qr.svg", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, HttpContext http, CancellationToken ct) =>
                await RenderAsync(id, http, load, (t, _) => TypedResults.Content(QrImages.Svg(t.QrPayload!), "image/svg+xml"), ct))
            .WithName(namePrefix + "GetTicketQrSvg").WithSummary("The ticket's QR code as an SVG image" + suffix)
            .Produces(StatusCodes.Status200OK, typeof(string), "image/svg+xml");
        group.MapGet("/print", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, HttpContext http, CancellationToken ct) =>
                await RenderAsync(id, http, load, (_, m) => TypedResults.Content(TicketHtml.Render(m!), "text/html; charset=utf-8"), ct, withModel: true))
            .WithName(namePrefix + "GetPrintableTicket").WithSummary("The printable ticket as an HTML page (tenant branding, event, seat, holder, QR)" + suffix)
            .Produces(StatusCodes.Status200OK, typeof(string), "text/html");
        group.MapGet("/print.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, HttpContext http, CancellationToken ct) =>
                await RenderAsync(id, http, load, (t, m) => TypedResults.File(TicketPdf.Render(m!, http.RequestServices.GetRequiredService<TicketFonts>()),
                    "application/pdf", $"ticket-{t.Number}.pdf"), ct, withModel: true))
            .WithName(namePrefix + "GetPrintableTicketPdf").WithSummary("The printable ticket as a one-page PDF" + suffix)
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf");
        return group;
    }

    private static async Task<Results<T, ProblemHttpResult>> RenderAsync<T>(Guid id, HttpContext http,
        Func<Guid, HttpRequest, IServiceProvider, CancellationToken, Task<Ticket?>> load, Func<TicketResponse, TicketPrintModel?, T> render,
        CancellationToken ct, bool withModel = false) where T : IResult
    {
        var services = http.RequestServices;
        if (await load(id, http.Request, services, ct) is not { } ticket)
        {
            return ApiProblems.NotFound("ticket");
        }

        if (ticket.State == TicketState.Revoked)
        {
            return ApiProblems.Conflict("ticket_revoked", "The ticket has been revoked; it has no valid code.");
        }

        var response = await services.GetRequiredService<TicketService>().ToResponseAsync(ticket, ct);
        var model = withModel
            ? await TicketPrintModel.LoadAsync(services.GetRequiredService<PlatformDbContext>(), services.GetRequiredService<IStringLocalizer<TicketTexts>>(),
                services.GetRequiredService<TenantContext>().RequiredTenantId, response, ct)
            : null;
        return render(response, model);
    }

    private static async Task<Results<Ok<CursorPage<TicketResponse>>, ProblemHttpResult>> ListForEventAsync(Guid eventId, string? state, int? limit,
        string? cursor, PlatformDbContext db, TicketService tickets, CancellationToken ct)
    {
        var errors = Cursor.Validate(limit, cursor, out var take, out var after);
        if (!QueryValues.TryParseEnum<TicketState>(state, out var stateFilter))
        {
            errors["state"] = [$"state must be one of: {QueryValues.Allowed<TicketState>()}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("invalid_query", "One or more query parameters are invalid.", errors);
        }

        if (!await db.Set<Event>().AnyAsync(e => e.Id == eventId, ct))
        {
            return ApiProblems.NotFound("event");
        }

        var query = db.Set<Ticket>().AsNoTracking().Where(t => t.EventId == eventId);
        if (stateFilter is { } s)
        {
            query = query.Where(t => t.State == s);
        }

        if (after is { } a)
        {
            query = query.Where(t => t.Id.CompareTo(a) > 0);
        }

        var rows = await query.OrderBy(t => t.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Count > take ? rows[..take] : rows;
        var shaped = (await tickets.ToResponsesAsync(page, ct)).ToDictionary(t => t.Id);
        return TypedResults.Ok(Cursor.Page(rows, take, t => t.Id, t => shaped.GetValueOrDefault(t.Id)!));
    }

    private static EventTicketSettingsResponse ToResponse(EventTicketSettings s) =>
        new(s.EventId, s.TransfersEnabled, s.TransferDeadline, s.MaxTransfersPerTicket, s.UpdatedAt, s.HolderNames);

    internal static TicketJsonWebKey ToJwk(TicketPublicKey k) =>
        new("EC", "P-256", k.Kid, k.X, k.Y, "sig", "ES256", k.Status, k.CreatedAt, k.RetiredAt);
}
