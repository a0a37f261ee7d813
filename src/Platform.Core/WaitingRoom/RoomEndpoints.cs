using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Authorization;
using Platform.Http;
using Platform.Tenancy;
using Platform.Tenancy.PublicProfile;
using Platform.WaitingRoom.Members;

namespace Platform.WaitingRoom;

/// <summary>
/// The promoter's room API (/api/v1/events/{id}/waiting-room) and the buyer's (public, by tenant slug): join, poll
/// the position (cheap: no database write, cacheable for a second), claim the pass once admitted.
/// </summary>
public static class RoomEndpoints
{
    public static IEndpointRouteBuilder MapWaitingRooms(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/events/{id:guid}/waiting-room").WithTags("Waiting room").WithStandardProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("", async (Guid id, RoomService rooms, CancellationToken ct) => Found(await rooms.GetAsync(id, ct)))
            .RequireAuthorization(Policies.EventsRead).WithName("GetWaitingRoom")
            .WithSummary("The event's waiting room: settings, queue length, admitted, passes issued, used and abandoned.");
        staff.MapPut("", async (Guid id, RoomRequest request, RoomService rooms, CancellationToken ct) => Found(await rooms.ConfigureAsync(id, request, ct)))
            .WithValidation<RoomRequest>().RequireAuthorization(Policies.EventsWrite).WithName("PutWaitingRoom")
            .WithSummary("Switches the event's waiting room on, or changes its rate, grey release share, presale code or opening, live.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        foreach (var (verb, state) in new[] { ("pause", RoomStates.Paused), ("resume", RoomStates.Open), ("close", RoomStates.Closed) })
        {
            staff.MapPost("/" + verb, async (Guid id, RoomService rooms, CancellationToken ct) => Found(await rooms.SetStateAsync(id, state, ct)))
                .RequireAuthorization(Policies.EventsWrite).WithName(verb switch { "pause" => "PauseWaitingRoom", "resume" => "ResumeWaitingRoom", _ => "CloseWaitingRoom" })
                .WithSummary(verb switch
                {
                    "pause" => "Stops admitting (the queue keeps its order; holds still need a pass).",
                    "resume" => "Admits again at the configured rate (no burst for the paused time).",
                    _ => "Switches the room off: holds of the event no longer need a pass.",
                })
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        var open = app.MapGroup(TenantProfileEndpoints.PublicTenantPrefix + "/events/{id:guid}/waiting-room").WithTags("Public checkout")
            .AllowAnonymous().WithStandardProblems();
        open.MapPost("/tickets", JoinAsync).WithValidation<JoinRoomRequest>().WithName("JoinWaitingRoom")
            .WithSummary("Joins the event's waiting room; returns the ticket token (also set as a cookie) and the position.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        open.MapGet("/position", PositionAsync).WithName("GetWaitingRoomPosition")
            .WithSummary("The ticket's position and estimated wait (X-Waiting-Room-Ticket or the cookie); cacheable for a second, poll every few seconds.");
        open.MapPost("/pass", PassAsync).WithName("ClaimWaitingRoomPass")
            .WithSummary("Claims the pass of an admitted ticket (also set as a cookie); holds of the event need it while the room is on.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapRoomMemberLists();
        return app;
    }

    private static Results<Ok<RoomResponse>, ProblemHttpResult> Found(RoomResponse? room) =>
        room is null ? ApiProblems.NotFound("waiting room") : TypedResults.Ok(room);

    private static async Task<Results<Created<RoomTicketResponse>, ProblemHttpResult>> JoinAsync(Guid id, JoinRoomRequest request, RoomService rooms,
        HttpContext http, CancellationToken ct)
    {
        var ticket = await rooms.JoinAsync(id, request, ct);
        SetCookie(http, RoomGate.TicketCookie(id), ticket.TicketToken, TimeSpan.FromDays(1));
        return TypedResults.Created($"waiting-room/position", ticket);
    }

    private static async Task<Results<Ok<RoomPositionResponse>, ProblemHttpResult>> PositionAsync(Guid id, RoomService rooms, RoomTokens tokens,
        TenantContext tenant, HttpContext http, CancellationToken ct)
    {
        if (Ticket(id, tokens, tenant, http) is not { } claim)
        {
            return BadTicket();
        }

        var position = await rooms.PositionAsync(id, claim, ct);
        if (position.TicketToken is { } renewed)
        {
            SetCookie(http, RoomGate.TicketCookie(id), renewed, TimeSpan.FromDays(1));
        }
        else
        {
            // Every poll of the same ticket within a second gets the same answer: let the browser (or a private
            // cache) answer a flood itself.
            http.Response.Headers.CacheControl = "private, max-age=1";
        }

        return TypedResults.Ok(position);
    }

    private static async Task<Results<Ok<RoomPassResponse>, ProblemHttpResult>> PassAsync(Guid id, RoomService rooms, RoomTokens tokens,
        TenantContext tenant, IOptions<WaitingRoomOptions> options, HttpContext http, CancellationToken ct)
    {
        if (Ticket(id, tokens, tenant, http) is not { } claim)
        {
            return BadTicket();
        }

        var pass = await rooms.ClaimPassAsync(id, claim, ct);
        SetCookie(http, RoomGate.PassCookie(id), pass.Pass, options.Value.PassLifetime);
        return TypedResults.Ok(pass);
    }

    private static TicketClaim? Ticket(Guid eventId, RoomTokens tokens, TenantContext tenant, HttpContext http) =>
        tokens.ReadTicket(RoomGate.TicketOf(http, eventId)) is { } claim && claim.TenantId == tenant.TenantId && claim.EventId == eventId ? claim : null;

    private static ProblemHttpResult BadTicket() => ApiProblems.BadRequest(RoomService.TicketInvalidCode,
        "Send the ticket token from joining the waiting room (X-Waiting-Room-Ticket header or its cookie).");

    private static void SetCookie(HttpContext http, string name, string value, TimeSpan lifetime) =>
        http.Response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = lifetime, IsEssential = true,
        });
}
