using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.AntiScalping.BlockList;
using Platform.AntiScalping.Challenge;
using Platform.Events.SaleFacts;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Persistence;
using Platform.Pricing.Quotes;
using Platform.WaitingRoom;

namespace Platform.AntiScalping;

/// <summary>
/// Scores every order a buyer places on the public API, inside the placing transaction: the signals come from this
/// node's memory (<see cref="RiskSignals"/>), the browser's waiting-room ticket and pass (read from the request, not
/// the database), and the event's cached sale facts; the risk record joins the order's own INSERT batch. A block
/// refuses the order (nothing is saved); review marks it so its tickets wait for a promoter (<see cref="ReviewIssueGate"/>);
/// challenge refuses it with a code mailed to the buyer, and the same order with the right code is placed
/// (<see cref="RiskChallenges"/>).
/// Orders made by staff, apps and resellers (authenticated callers) are not scored: the box office is not a scalper.
/// </summary>
internal sealed class RiskPlacementCheck(
    IHttpContextAccessor http, RiskSignals signals, IRiskScorer scorer, RiskSettingsStore settings, BlockListStore blockList, PlatformDbContext db,
    EventSaleFactsCache saleFacts, IDataProtectionProvider protection, RoomTokens roomTokens, IOptions<WaitingRoomOptions> roomOptions,
    IOptions<HoldOptions> holdOptions, Tenancy.TenantContext tenant, RiskChallenges challenges, TimeProvider clock) : IOrderPlacementCheck
{
    public const string BlockedCode = "order_blocked";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector buyer = protection.CreateProtector("Platform.Orders.Buyer.v1");

    public async Task PlacingAsync(Order order, IReadOnlyList<HoldItem> items, IReadOnlyList<OrderLine> lines, QuoteResponse quote, CreateOrderRequest request,
        CancellationToken ct)
    {
        if (order.CreatedBy is not null || http.HttpContext is not { } context)
        {
            return;
        }

        var tenantId = tenant.RequiredTenantId;
        // The block list is staff's explicit word: it applies whatever the policy, even when scoring is off.
        var blocks = await blockList.GetAsync(db, tenantId, ct);
        if (!blocks.IsEmpty && blocks.Blocks(buyer.Unprotect(order.BuyerEmailProtected), context.Connection.RemoteIpAddress))
        {
            RiskMetrics.Decided(RiskDecisions.Block);
            throw Blocked();
        }

        var policy = await settings.GetAsync(db, tenantId, ct);
        if (policy.Action == "off")
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (request.ChallengeId is { } challengeId)
        {
            // The answer to a challenge: the same buyer's same attempt, not a new one (it is not scored or counted again).
            var passed = await challenges.PassAsync(db, tenantId, challengeId, request.ChallengeCode, order.EventId, order.BuyerEmailHash, order.Id, ct);
            RiskMetrics.Decided(RiskMetrics.ChallengePassed);
            var challenged = JsonSerializer.Deserialize<RiskFeatures>(passed.Features, Json)!;
            db.Add(new OrderRisk
            {
                TenantId = tenantId, OrderId = order.Id, EventId = order.EventId, CreatedAt = now, Score = passed.Score, Decision = RiskDecisions.Challenge,
                Reasons = RiskReasons.Of(challenged), Features = passed.Features, Review = ReviewStates.None, ChallengePassedAt = now,
            });
            return;
        }

        var facts = await saleFacts.GetAsync(db, tenantId, order.EventId, fresh: false, ct);
        // The most one buyer could take in this order: the per-buyer limit, or the ticket types' per-order limit if lower.
        var max = facts?.Event.MaxTicketsPerBuyer ?? holdOptions.Value.MaxTicketsPerBuyer;
        if (facts is not null && items.Select(i => facts.TicketTypes.TryGetValue(i.TicketTypeId, out var type) ? type.MaxPerOrder : max).Max() is var perOrder)
        {
            max = Math.Min(max, perOrder);
        }

        var attempt = new RiskAttempt(tenantId, buyer.Unprotect(order.BuyerEmailProtected),
            order.BuyerPhoneProtected is { } phone ? buyer.Unprotect(phone) : null, DeviceOf(context, order.EventId), context.Connection.RemoteIpAddress,
            items.Sum(i => i.Quantity), max, PassIssuedAt(context, tenantId, order.EventId), now);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var features = signals.Observe(attempt);
        var score = scorer.Score(features);
        RiskMetrics.Scored(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var decision = RiskPolicy.Decide(policy.Action, policy.Threshold, policy.BlockDisposableEmail, features, score, policy.ChallengeThreshold);
        RiskMetrics.Decided(decision);
        if (decision == RiskDecisions.Block)
        {
            throw Blocked();
        }

        if (decision == RiskDecisions.Challenge)
        {
            throw await challenges.IssueAsync(tenantId, order.EventId, facts?.Event.Title ?? "your event", buyer.Unprotect(order.BuyerEmailProtected),
                order.BuyerEmailHash, features, score, ct);
        }

        db.Add(new OrderRisk
        {
            TenantId = tenantId, OrderId = order.Id, EventId = order.EventId, CreatedAt = now, Score = Math.Clamp(score, 0, 1), Decision = decision,
            Reasons = RiskReasons.Of(features), Features = JsonSerializer.Serialize(features, Json),
            Review = decision == RiskDecisions.Review ? ReviewStates.Pending : ReviewStates.None,
        });
    }

    /// <summary>The same answer for a score and a block-list entry: a scalper learns nothing about which one caught them.</summary>
    private static ApiException Blocked() => new(StatusCodes.Status403Forbidden, BlockedCode,
        "This order cannot be placed. If you think this is a mistake, contact the organizer.");

    /// <summary>The browser's waiting-room ticket id (the device signal), or null when it came without one.</summary>
    private string? DeviceOf(HttpContext context, Guid eventId) =>
        roomTokens.ReadTicket(RoomGate.TicketOf(context, eventId)) is { } ticket && ticket.EventId == eventId ? ticket.TicketId.ToString("N") : null;

    /// <summary>When the browser's pass was issued (its expiry less the lifetime), or null without a valid pass of this event.</summary>
    private DateTimeOffset? PassIssuedAt(HttpContext context, Guid tenantId, Guid eventId)
    {
        var text = context.Request.Headers[RoomGate.PassHeader].FirstOrDefault() ?? context.Request.Cookies[RoomGate.PassCookie(eventId)];
        return text is not null && roomTokens.ReadPass(text) is { } pass && pass.TenantId == tenantId && pass.EventId == eventId
            ? pass.ExpiresAt - roomOptions.Value.PassLifetime
            : null;
    }
}
