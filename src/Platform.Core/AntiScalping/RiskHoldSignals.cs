using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tenancy;

namespace Platform.AntiScalping;

/// <summary>On the public hold endpoint: counts each hold made from a network in this node's window (hold-time velocity). No I/O.</summary>
internal sealed class RiskHoldSignals : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created }
            && http.RequestServices.GetRequiredService<TenantContext>().TenantId is { } tenantId)
        {
            http.RequestServices.GetRequiredService<RiskSignals>().RecordHold(tenantId, http.Connection.RemoteIpAddress,
                http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        }

        return result;
    }
}
