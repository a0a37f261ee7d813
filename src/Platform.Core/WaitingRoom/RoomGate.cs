using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Platform.Holds;
using Platform.Http;
using Platform.Persistence;
using Platform.Tenancy;

namespace Platform.WaitingRoom;

/// <summary>
/// The door between a room and the event's public holds. While the room is on, a hold needs a pass that is genuine
/// (signed by the key ring), unexpired, for this tenant and event, and issued to the queue ticket this browser holds
/// (its ticket token): a pass shown by another browser — another ticket or none — is refused. Passes and tickets
/// come from the <c>X-Waiting-Room-Pass</c>/<c>X-Waiting-Room-Ticket</c> headers (API clients) or the room's
/// HttpOnly cookies (browsers).
/// </summary>
public sealed class RoomGate(RoomDirectory directory, RoomTokens tokens, TimeProvider clock, ArrivalMeter arrivals,
    IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<WaitingRoomOptions> options)
{
    /// <summary>Events this node is switching on right now: one switch-on attempt per event at a time, the others go on.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> switching = new();

    public const string Code = "waiting_room_required";
    public const string PassHeader = "X-Waiting-Room-Pass";
    public const string TicketHeader = "X-Waiting-Room-Ticket";

    public static string TicketCookie(Guid eventId) => $"wr_t_{eventId:N}";

    public static string PassCookie(Guid eventId) => $"wr_p_{eventId:N}";

    public static string RoomPage(string? slug, Guid eventId) => $"/t/{slug}/events/{eventId}/room";

    public static string? TicketOf(HttpContext http, Guid eventId) =>
        http.Request.Headers[TicketHeader].FirstOrDefault() ?? http.Request.Cookies[TicketCookie(eventId)];

    /// <summary>
    /// Whether the hold may go ahead (with the ticket it used, if any), otherwise why not. <paramref name="holdEmail"/>:
    /// the hold's buyer e-mail, which a member's pass must match; null where no hold is being made yet (the storefront's
    /// pages behind the room), and the member check is then left to the hold and the order.
    /// </summary>
    public async Task<GateDecision> CheckAsync(HttpContext http, PlatformDbContext db, Guid tenantId, Guid eventId, string? holdEmail, CancellationToken ct)
    {
        var room = await directory.FindAsync(db, tenantId, eventId, ct);
        if (room is { Armed: true } && arrivals.Hit(eventId, options.Value.AutoWindow) is var rate && rate >= room.AutoOnPerSecond
            && await SwitchOnAsync(tenantId, eventId, rate, ct))
        {
            // This arrival crossed the threshold: from now on the sale runs through the room, this hold included.
            return GateDecision.Refuse("This event's sale now runs through a waiting room: join it to get a pass.");
        }

        if (room is null || !room.On)
        {
            return GateDecision.Open;
        }

        var passText = http.Request.Headers[PassHeader].FirstOrDefault() ?? http.Request.Cookies[PassCookie(eventId)];
        if (passText is null)
        {
            return GateDecision.Refuse("This event's sale runs through a waiting room: join it to get a pass.");
        }

        if (tokens.ReadPass(passText) is not { } pass || pass.TenantId != tenantId)
        {
            return GateDecision.Refuse("The waiting room pass is not valid or has expired; join the waiting room again.");
        }

        if (pass.EventId != eventId)
        {
            return GateDecision.Refuse("The waiting room pass is for another event.");
        }

        if (pass.ExpiresAt <= clock.GetUtcNow())
        {
            return GateDecision.Refuse("The waiting room pass has expired; join the waiting room again.");
        }

        if (tokens.ReadTicket(TicketOf(http, eventId)) is not { } ticket || ticket.TicketId != pass.TicketId || ticket.EventId != eventId)
        {
            return GateDecision.Refuse("The waiting room pass was issued to another browser.");
        }

        // A member's pass (ADR 0063) holds only for the address the member joined with.
        if (pass.Member is { } member && holdEmail is not null
            && (room.MemberSalt is not { } salt || Members.MemberList.Hash(salt, holdEmail) != member))
        {
            return new GateDecision(false, null, "This pass was issued to a member-list address: hold with the e-mail address you joined the waiting room with.",
                Members.MemberListService.EmailMismatchCode);
        }

        return new GateDecision(true, pass.TicketId, null);
    }

    /// <summary>Switches the armed room on in a scope of its own (its own transaction, not the hold's).</summary>
    private async Task<bool> SwitchOnAsync(Guid tenantId, Guid eventId, double rate, CancellationToken ct)
    {
        if (!switching.TryAdd(eventId, 0))
        {
            return false;
        }

        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
            var switched = await scope.ServiceProvider.GetRequiredService<RoomService>().SwitchOnAutomaticallyAsync(eventId, rate, ct);
            arrivals.Forget(eventId);
            directory.Forget(tenantId, eventId);
            return switched;
        }
        finally
        {
            switching.TryRemove(eventId, out _);
        }
    }

    public static ProblemHttpResult Problem(string detail, string? slug, Guid eventId, string code = Code) => ApiProblems.Create(StatusCodes.Status403Forbidden, code, detail,
        more: new Dictionary<string, object?> { ["room"] = RoomPage(slug, eventId) });
}

public sealed record GateDecision(bool Allowed, Guid? TicketId, string? Detail, string Code = RoomGate.Code)
{
    public static readonly GateDecision Open = new(true, null, null);

    public static GateDecision Refuse(string detail) => new(false, null, detail);
}

/// <summary>On the public hold endpoint: refuses a hold of a room's event without a valid pass, and counts a pass as used once a hold succeeds with it.</summary>
internal sealed class RoomPassFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (context.Arguments.OfType<CreateHoldRequest>().FirstOrDefault() is not { EventId: { } eventId }
            || http.RequestServices.GetRequiredService<TenantContext>() is not { TenantId: { } tenantId } tenant)
        {
            return await next(context);
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<PlatformDbContext>();
        var email = context.Arguments.OfType<CreateHoldRequest>().First().BuyerEmail;
        var decision = await services.GetRequiredService<RoomGate>().CheckAsync(http, db, tenantId, eventId, email, http.RequestAborted);
        if (!decision.Allowed)
        {
            return RoomGate.Problem(decision.Detail!, tenant.Slug, eventId, decision.Code);
        }

        var result = await next(context);
        if (decision.TicketId is { } ticketId && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created })
        {
            await services.GetRequiredService<RoomService>().MarkUsedAsync(ticketId, CancellationToken.None);
        }

        return result;
    }
}
