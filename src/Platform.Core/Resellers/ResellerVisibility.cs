using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Http;
using Platform.Orders;

namespace Platform.Resellers;

/// <summary>
/// Endpoint filters for the staff hold and order APIs: a reseller reaching a hold or order another client created
/// gets the same 404 as for an id that does not exist (no existence leak). People and other clients pass untouched.
/// </summary>
public static class ResellerVisibility
{
    public static TBuilder OwnHoldsOnlyForResellers<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            RouteId(context) is { } id && await ForeignAsync(context, (gate, ct) => gate.HoldOwnerAsync(id, ct))
                ? ApiProblems.NotFound("hold") : await next(context));

    public static TBuilder OwnOrdersOnlyForResellers<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (RouteId(context) is { } id)
            {
                return await ForeignAsync(context, (gate, ct) => gate.OrderOwnerAsync(id, ct)) ? ApiProblems.NotFound("order") : await next(context);
            }

            // Placing an order: the hold named in the body must be the reseller's own.
            return context.Arguments.OfType<CreateOrderRequest>().FirstOrDefault()?.HoldId is { } holdId
                   && await ForeignAsync(context, (gate, ct) => gate.HoldOwnerAsync(holdId, ct))
                ? ApiProblems.NotFound("hold") : await next(context);
        });

    private static Guid? RouteId(EndpointFilterInvocationContext context) =>
        context.HttpContext.Request.RouteValues.TryGetValue("id", out var value) && Guid.TryParse(value?.ToString(), out var id) ? id : null;

    /// <summary>True when the caller is a reseller and the row exists but was created by someone else.</summary>
    private static async Task<bool> ForeignAsync(EndpointFilterInvocationContext context, Func<ResellerGate, CancellationToken, Task<Owner?>> owner)
    {
        var http = context.HttpContext;
        var gate = http.RequestServices.GetRequiredService<ResellerGate>();
        return await gate.RestrictedToAsync(http.User, http.RequestAborted) is { } client
               && await owner(gate, http.RequestAborted) is { } found && found.CreatedBy != ResellerGate.CreatedByKey(client);
    }
}
