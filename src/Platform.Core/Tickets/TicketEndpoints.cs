using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;
using Platform.Holds;
using Platform.Http;
using Platform.Orders;
using Platform.Tenancy.PublicProfile;
using Platform.Tickets.Codes;

namespace Platform.Tickets;

/// <summary>Tickets for staff (by order, by id, per event) and for buyers and holders on the public tenant surface.</summary>
public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
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
        return app;
    }

    internal static TicketJsonWebKey ToJwk(TicketPublicKey k) =>
        new("EC", "P-256", k.Kid, k.X, k.Y, "sig", "ES256", k.Status, k.CreatedAt, k.RetiredAt);
}
