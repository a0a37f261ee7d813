using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Platform.Persistence;
using Platform.Tenancy;
using Platform.WaitingRoom;

namespace Platform.Api.Storefront;

/// <summary>Marks a storefront page that holds tickets of the event in its route (<c>{id}</c>): it is behind the event's waiting room.</summary>
public interface IBehindWaitingRoom;

/// <summary>
/// Sends a browser without a valid pass from a page behind the waiting room (ticket selection, seat map) to the room,
/// for as long as the room is on — the same check the public hold API makes (<see cref="RoomGate"/>). A hold made
/// with the pass counts it as used.
/// </summary>
internal sealed class RoomDoorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        if (context.HandlerInstance is not IBehindWaitingRoom || tenant.TenantId is not { } tenantId
            || !Guid.TryParse(context.RouteData.Values["id"]?.ToString(), out var eventId))
        {
            await next();
            return;
        }

        var decision = await http.RequestServices.GetRequiredService<RoomGate>()
            .CheckAsync(http, http.RequestServices.GetRequiredService<PlatformDbContext>(), tenantId, eventId, holdEmail: null, http.RequestAborted);
        if (!decision.Allowed)
        {
            context.Result = new RedirectResult(RoomGate.RoomPage(tenant.Slug ?? context.RouteData.Values["tenant"]?.ToString(), eventId));
            return;
        }

        var executed = await next();
        if (decision.TicketId is { } ticketId && HttpMethods.IsPost(http.Request.Method)
            && executed.Result is RedirectResult { Url: var url } && url.Contains("/checkout/", StringComparison.Ordinal))
        {
            await http.RequestServices.GetRequiredService<RoomService>().MarkUsedAsync(ticketId, CancellationToken.None);
        }
    }
}
