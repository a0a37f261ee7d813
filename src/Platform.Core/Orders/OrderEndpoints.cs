using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Checkout;
using Platform.Holds;
using Platform.Http;
using Platform.Orders.Search;
using Platform.RateLimiting;
using Platform.Resellers;
using Platform.Payments;
using Platform.Persistence;
using Platform.Tenancy.PublicProfile;

namespace Platform.Orders;

/// <summary>
/// Orders and their payments: anonymous buyers by tenant slug (hold token to place, order token afterwards), and
/// staff, apps and resellers through the authenticated API (box office payments and refunds).
/// </summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(TenantProfileEndpoints.PublicTenantPrefix + "/orders")
            .WithTags("Public checkout").AllowAnonymous().WithStandardProblems().WithIdempotency()
            .ProducesProblem(StatusCodes.Status404NotFound);
        open.MapPost("", async Task<Results<Created<OrderResponse>, ProblemHttpResult>> (CreateOrderRequest request,
                [FromHeader(Name = HoldEndpoints.TokenHeader)] string? holdToken, HoldService holds, OrderService orders, IdempotencyRecord idempotency,
                CancellationToken ct) =>
            {
                await using var placing = await orders.BeginPlacingAsync(ct);
                if (await HoldEndpoints.LoadWithItemsAsync(request.HoldId!.Value, holdToken, true, holds, ct) is not { } held)
                {
                    return ApiProblems.NotFound("hold");
                }

                // The same answer is written with the order when the request carries an Idempotency-Key (ADR 0019).
                Created<OrderResponse> Respond(OrderPlaced placed) =>
                    TypedResults.Created($"orders/{placed.Order.Id}", orders.ToResponse(placed.Order, placed.Token, placed.Lines, []));
                idempotency.RespondWith<OrderPlaced>(Respond);
                var (order, lines, token) = await orders.CreateAsync(held, request, null, ct);
                return Respond(new OrderPlaced(order, lines, token));
            })
            .WithValidation<CreateOrderRequest>().RequireCheckoutAdmission(entry: false).RequireRateLimiting(RateLimitPolicies.Checkout).WithName("CreatePublicOrder")
            .WithSummary("Places an order from a hold (X-Hold-Token) with the price locked; returns the order token once. Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        open.MapGet("/{id:guid}", async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> (Guid id,
                [FromHeader(Name = OrderTokens.Header)] string? token, OrderService orders, CancellationToken ct) =>
                await LoadAsync(id, token, true, orders, ct) is { } detail ? TypedResults.Ok(orders.ToResponse(detail, null)) : ApiProblems.NotFound("order"))
            .WithName("GetPublicOrder").WithSummary("Gets an order; requires its X-Order-Token.");
        open.MapPost("/{id:guid}/payments", (Guid id, PayRequest request, [FromHeader(Name = OrderTokens.Header)] string? token,
                OrderService orders, PaymentService payments, [FromServices] IEnumerable<IPaymentSessionProvider> sessions, PlatformDbContext db,
                IdempotencyRecord idempotency, CancellationToken ct) => PayAsync(id, token, true, request, null, orders, payments, sessions, db, idempotency, ct))
            .WithValidation<PayRequest>().RequireCheckoutAdmission(entry: false).WithMetadata(ClaimsWithFirstReadMetadata.Instance).WithName("PayPublicOrder")
            .WithSummary("Pays an order: sandbox (test mode: token tok_decline declines) answers 200 paid; stripe answers 202 with the PaymentIntent's client secret and the order pending until Stripe's webhook. Requires X-Order-Token. Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var staff = app.MapGroup("/api/v1/orders").WithTags("Orders").WithStandardProblems()
            .WithIdempotency().ProducesProblem(StatusCodes.Status404NotFound).OwnOrdersOnlyForResellers();
        staff.MapPost("", async Task<Results<Created<OrderResponse>, ProblemHttpResult>> (CreateOrderRequest request, HoldService holds,
                OrderService orders, IdempotencyRecord idempotency, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await using var placing = await orders.BeginPlacingAsync(ct);
                if (await holds.FindWithItemsAsync(request.HoldId!.Value, ct) is not { } held)
                {
                    return ApiProblems.NotFound("hold");
                }

                Created<OrderResponse> Respond(OrderPlaced placed) =>
                    TypedResults.Created($"/api/v1/orders/{placed.Order.Id}", orders.ToResponse(placed.Order, null, placed.Lines, []));
                idempotency.RespondWith<OrderPlaced>(Respond);
                var (order, lines, token) = await orders.CreateAsync(held, request, HoldEndpoints.CreatedBy(user), ct);
                return Respond(new OrderPlaced(order, lines, token));
            })
            .WithValidation<CreateOrderRequest>().RequireCheckoutAdmission(entry: false).RequireAuthorization(Policies.OrdersWrite).RequireRateLimiting(RateLimitPolicies.Checkout).WithName("CreateOrder")
            .WithSummary("Places an order from a hold of the tenant with the price locked. Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        staff.MapOrderSearch();
        staff.MapGet("/{id:guid}", async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> (Guid id, OrderService orders, CancellationToken ct) =>
                await orders.FindDetailAsync(id, ct) is { } detail ? TypedResults.Ok(orders.ToResponse(detail, null)) : ApiProblems.NotFound("order"))
            .RequireAuthorization(Policies.OrdersRead).WithName("GetOrder").WithSummary("Gets an order with its lines, payments and locked quote.");
        staff.MapPost("/{id:guid}/payments", (Guid id, PayRequest request, OrderService orders, PaymentService payments,
                [FromServices] IEnumerable<IPaymentSessionProvider> sessions, PlatformDbContext db, IdempotencyRecord idempotency, ClaimsPrincipal user,
                CancellationToken ct) =>
                PayAsync(id, null, false, request, HoldEndpoints.CreatedBy(user), orders, payments, sessions, db, idempotency, ct))
            .WithValidation<PayRequest>().RequireCheckoutAdmission(entry: false).RequireAuthorization(Policies.OrdersWrite)
            .WithMetadata(ClaimsWithFirstReadMetadata.Instance).WithName("PayOrder")
            .WithSummary("Pays an order: sandbox, box office cash / card_terminal (with the terminal reference), or stripe (202 with the client secret). Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        staff.MapPost("/{id:guid}/refunds", async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> (Guid id, RefundRequest request,
                OrderService orders, PaymentService payments, IdempotencyRecord idempotency, ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (await orders.FindAsync(id, ct) is not { } order)
                {
                    return ApiProblems.NotFound("order");
                }

                // Read inside the refund's transaction when an Idempotency-Key answer is written with it (ADR 0019).
                async Task<IResult> Respond(Payment _) => TypedResults.Ok(orders.ToResponse((await orders.FindDetailAsync(id, ct))!, null));
                idempotency.RespondWith<Payment>(Respond);
                await payments.RefundAsync(order, request, HoldEndpoints.CreatedBy(user), ct);
                return TypedResults.Ok(orders.ToResponse((await orders.FindDetailAsync(id, ct))!, null));
            })
            .WithValidation<RefundRequest>().RequireAuthorization(Policies.OrdersWrite).WithName("RefundOrder")
            .WithSummary("Refunds a paid order in full, or the given tickets per line, with a reason. Honours Idempotency-Key.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>An order with its lines and payments; on the public API only with its token (a wrong token looks like an unknown order).</summary>
    private static async Task<OrderDetail?> LoadAsync(Guid id, string? token, bool isPublic, OrderService orders, CancellationToken ct)
    {
        var detail = await orders.FindDetailAsync(id, ct);
        return detail is null || (isPublic && !HoldService.TokenMatches(token, detail.Order.TokenHash)) ? null : detail;
    }

    private static async Task<Results<Ok<OrderResponse>, Accepted<PaymentSessionResponse>, ProblemHttpResult>> PayAsync(Guid id, string? token,
        bool isPublic, PayRequest request, string? createdBy, OrderService orders, PaymentService payments,
        IEnumerable<IPaymentSessionProvider> sessions, PlatformDbContext db, IdempotencyRecord idempotency, CancellationToken ct)
    {
        // The Idempotency-Key's claim rides on this read (ClaimsWithFirstReadMetadata): settled before anything is written.
        var loaded = await LoadAsync(id, token, isPublic, orders, ct);
        await idempotency.EnsureClaimedAsync(ct);
        if (loaded is not { } payable)
        {
            return ApiProblems.NotFound("order");
        }

        var order = payable.Order;
        // A provider the buyer confirms on their side (Stripe) starts a session; the order stays pending until it reports back.
        if (sessions.FirstOrDefault(s => s.Name == request.Method) is { } provider)
        {
            // Named for the metrics and live figures as PaymentService.PayAsync names a payment taken in the request.
            Observability.RequestFacts.Describe(order.EventId, order.Channel);
            var session = await provider.StartAsync(order, createdBy, ct);
            db.ChangeTracker.Clear();
            var current = orders.ToResponse((await orders.FindDetailAsync(id, ct))!, null);
            return session is null
                ? TypedResults.Ok(current)
                : TypedResults.Accepted((string?)null, new PaymentSessionResponse(session.Provider, session.TestMode, session.PaymentIntentId,
                    session.ClientSecret, session.IntentStatus, session.PaymentMethodTypes, current, session.PublishableKey, session.StripeAccount));
        }

        // PayAsync mirrors the paid state onto the order it was given: the response is what was read with it (earlier
        // declined attempts included) plus the payment just taken, with no read after the commit.
        // The same answer is written with the payment when the request carries an Idempotency-Key (ADR 0019).
        Ok<OrderResponse> Respond(Payment paid) =>
            TypedResults.Ok(orders.ToResponse(order, null, payable.Lines, [.. payable.Payments.Append(paid).OrderBy(p => p.Id)]));
        idempotency.RespondWith<Payment>(Respond);
        var paid = await payments.PayAsync(payable, request, boxOfficeAllowed: !isPublic, createdBy, ct);
        db.ChangeTracker.Clear();
        return Respond(paid);
    }
}
