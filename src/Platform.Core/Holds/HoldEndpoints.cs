using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.AntiScalping;
using Platform.Authorization;
using Platform.Checkout;
using Platform.Http;
using Platform.RateLimiting;
using Platform.Resellers;
using Platform.Tenancy.PublicProfile;
using Platform.WaitingRoom;

namespace Platform.Holds;

/// <summary>
/// Holds for anonymous buyers (public, by tenant slug; the hold token returned on creation is the buyer's key) and
/// for staff, apps and resellers (authenticated, box office by default).
/// </summary>
public static class HoldEndpoints
{
    public const string TokenHeader = "X-Hold-Token";

    public static IEndpointRouteBuilder MapHolds(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(TenantProfileEndpoints.PublicTenantPrefix + "/holds")
            .WithTags("Public checkout").AllowAnonymous().WithStandardProblems().WithIdempotency().ProducesProblem(StatusCodes.Status404NotFound);
        open.MapPost("", (CreateHoldRequest request, HoldService holds, IdempotencyRecord idempotency, ClaimsPrincipal user, CancellationToken ct) =>
                CreateAsync(request, holds, idempotency, new HoldCaller(true, AccountKey(user), null), ct))
            .WithValidation<CreateHoldRequest>().RequireWaitingRoomPass().RecordRiskSignals().RequireCheckoutAdmission().RequireRateLimiting(RateLimitPolicies.Checkout).WithName("CreatePublicHold").WithSummary(
                "Holds general admission tickets, chosen seats or best available seats for an anonymous buyer; returns the hold token once.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        open.MapGet("/{id:guid}", (Guid id, [FromHeader(Name = TokenHeader)] string? token, HoldService holds, CancellationToken ct) =>
                GetAsync(id, token, true, holds, ct))
            .WithName("GetPublicHold").WithSummary("Gets a hold; requires its X-Hold-Token.");
        open.MapPost("/{id:guid}/extend", (Guid id, [FromHeader(Name = TokenHeader)] string? token, HoldService holds, CancellationToken ct) =>
                ExtendAsync(id, token, true, holds, ct))
            .WithName("ExtendPublicHold").WithSummary("Extends a hold once by the configured extension; requires its X-Hold-Token.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        open.MapDelete("/{id:guid}", (Guid id, [FromHeader(Name = TokenHeader)] string? token, HoldService holds, CancellationToken ct) =>
                ReleaseAsync(id, token, true, holds, ct))
            .WithName("ReleasePublicHold").WithSummary("Releases a hold, returning its tickets at once; requires its X-Hold-Token.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var staff = app.MapGroup("/api/v1/holds").WithTags("Holds").WithStandardProblems().WithIdempotency()
            .ProducesProblem(StatusCodes.Status404NotFound).OwnHoldsOnlyForResellers();
        staff.MapPost("", (CreateHoldRequest request, HoldService holds, IdempotencyRecord idempotency, ClaimsPrincipal user, CancellationToken ct) =>
                CreateAsync(request, holds, idempotency, new HoldCaller(false, null, CreatedBy(user), ResellerGate.ClientOf(user)), ct))
            .WithValidation<CreateHoldRequest>().RequireCheckoutAdmission().RequireAuthorization(Policies.OrdersWrite).RequireRateLimiting(RateLimitPolicies.Checkout).WithName("CreateHold").WithSummary(
                "Holds tickets or seats on any channel (box office by default) for staff, apps and resellers.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        staff.MapGet("/{id:guid}", (Guid id, HoldService holds, CancellationToken ct) => GetAsync(id, null, false, holds, ct))
            .RequireAuthorization(Policies.OrdersRead).WithName("GetHold").WithSummary("Gets a hold of the tenant.");
        staff.MapPost("/{id:guid}/extend", (Guid id, HoldService holds, CancellationToken ct) => ExtendAsync(id, null, false, holds, ct))
            .RequireAuthorization(Policies.OrdersWrite).WithName("ExtendHold").WithSummary("Extends a hold once by the configured extension.").ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapDelete("/{id:guid}", (Guid id, HoldService holds, CancellationToken ct) => ReleaseAsync(id, null, false, holds, ct))
            .RequireAuthorization(Policies.OrdersWrite).WithName("ReleaseHold").WithSummary("Releases a hold, returning its tickets at once.").ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The per-buyer limit key of a signed-in buyer on the public API (null when anonymous).</summary>
    internal static string? AccountKey(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(PlatformClaims.Subject)?.Value is { } sub ? "account:" + sub : null;

    /// <summary>The person or client who made a hold, order, payment or refund (a console member is the person, not the console).</summary>
    internal static string? CreatedBy(ClaimsPrincipal user) => Callers.Key(user);

    internal static HoldResponse ToResponse(Hold hold, IEnumerable<HoldItem> items, HoldState state, string? token) => new(
        hold.Id, hold.EventId, hold.OccurrenceId, hold.Channel, state, hold.Quantity, hold.CreatedAt, hold.ExpiresAt, hold.Extended,
        [.. items.Select(i => new HoldLineResponse(i.TicketTypeId, i.PriceZoneId, i.Quantity, i.SeatIds, i.Audience))], token);

    /// <summary>The hold with its items, or null when it is not there or (public) the token does not match.</summary>
    internal static async Task<HeldItems?> LoadWithItemsAsync(Guid id, string? token, bool isPublic, HoldService holds, CancellationToken ct)
    {
        var held = await holds.FindWithItemsAsync(id, ct);
        return held is null || (isPublic && !HoldService.TokenMatches(token, held.Hold.TokenHash)) ? null : held;
    }

    /// <summary>Loads a hold by id; on the public API only with its token (a wrong token looks like an unknown hold).</summary>
    internal static async Task<Hold?> LoadAsync(Guid id, string? token, bool isPublic, HoldService holds, CancellationToken ct)
    {
        var hold = await holds.FindAsync(id, ct);
        return hold is null || (isPublic && !HoldService.TokenMatches(token, hold.TokenHash)) ? null : hold;
    }

    private static async Task<Created<HoldResponse>> CreateAsync(CreateHoldRequest request, HoldService holds, IdempotencyRecord idempotency,
        HoldCaller caller, CancellationToken ct)
    {
        // The same answer is written with the hold when the request carries an Idempotency-Key (ADR 0019).
        Created<HoldResponse> Respond(HoldCreated created) => TypedResults.Created(
            caller.Public ? $"holds/{created.Hold.Id}" : $"/api/v1/holds/{created.Hold.Id}",
            ToResponse(created.Hold, created.Items, HoldState.Active, created.Token));
        idempotency.RespondWith<HoldCreated>(Respond);
        var (hold, items, token) = await holds.CreateAsync(request, caller, ct);
        return Respond(new HoldCreated(hold, items, token));
    }

    private static async Task<Results<Ok<HoldResponse>, ProblemHttpResult>> GetAsync(Guid id, string? token, bool isPublic, HoldService holds,
        CancellationToken ct)
    {
        if (await LoadAsync(id, token, isPublic, holds, ct) is not { } hold)
        {
            return ApiProblems.NotFound("hold");
        }

        return TypedResults.Ok(ToResponse(hold, await holds.ItemsAsync(id, ct), holds.EffectiveState(hold), null));
    }

    private static async Task<Results<Ok<HoldResponse>, ProblemHttpResult>> ExtendAsync(Guid id, string? token, bool isPublic, HoldService holds,
        CancellationToken ct)
    {
        if (await LoadAsync(id, token, isPublic, holds, ct) is not { } hold)
        {
            return ApiProblems.NotFound("hold");
        }

        var extended = await holds.ExtendAsync(hold, ct);
        return TypedResults.Ok(ToResponse(extended, await holds.ItemsAsync(id, ct), holds.EffectiveState(extended), null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(Guid id, string? token, bool isPublic, HoldService holds,
        CancellationToken ct)
    {
        if (await LoadAsync(id, token, isPublic, holds, ct) is not { } hold)
        {
            return ApiProblems.NotFound("hold");
        }

        await holds.ReleaseAsync(hold, ct);
        return TypedResults.NoContent();
    }
}
