using Ticketing.Platform.Sdk;

namespace Platform.Console.Services;

/// <summary>
/// Every call the console makes to the platform, through the generated SDK (sdk/csharp). Pages use only this class,
/// so a change of the SDK's surface (its exception or enum types) is adapted here, once.
/// </summary>
public sealed class ConsoleApi(PlatformClient client)
{
    /// <summary>Order search (GET /api/v1/orders?q=): by order number, buyer email, phone or name.</summary>
    public Task<ApiResult<OrderSummaryResponseCursorPage>> SearchOrdersAsync(string q, string? cursor) =>
        CallAsync(c => c.SearchOrdersAsync(q.Trim(), 50, cursor));

    public Task<ApiResult<OrderResponse>> GetOrderAsync(Guid id) => CallAsync(c => c.GetOrderAsync(id));

    public Task<ApiResult<TicketListResponse>> ListOrderTicketsAsync(Guid id) => CallAsync(c => c.ListOrderTicketsAsync(id));

    /// <summary>Refunds the whole order (no lines) or the given quantity per line, always with the person's reason.</summary>
    public Task<ApiResult<OrderResponse>> RefundAsync(Guid orderId, IReadOnlyList<(Guid LineId, int Quantity)> lines, string reason) =>
        CallAsync(c => c.RefundOrderAsync(orderId, new RefundRequest
        {
            Reason = reason,
            Lines = lines.Count == 0 ? null : [.. lines.Select(l => new RefundLineRequest { LineId = l.LineId, Quantity = l.Quantity })],
        }));

    public Task<ApiResult<EventSummaryResponseCursorPage>> ListEventsAsync(string? cursor) => CallAsync(c => c.ListEventsAsync(null, 50, cursor));

    /// <summary>A lifecycle step of an event: publish, open-sales, end (the API checks the step is allowed from its state).</summary>
    public Task<ApiResult<EventResponse>> TransitionEventAsync(Guid id, string step) => CallAsync(c => step switch
    {
        "publish" => c.PublishEventAsync(id),
        "open-sales" => c.OpenEventSalesAsync(id),
        "end" => c.EndEventAsync(id),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    });

    public Task<ApiResult<TenantResponseCursorPage>> ListTenantsAsync(string? q, string? cursor) =>
        CallAsync(c => c.ListTenantsAsync(null, null, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), 50, cursor));

    public Task<ApiResult<TenantResponse>> SuspendTenantAsync(Guid id, string reason) =>
        CallAsync(c => c.SuspendTenantAsync(id, new SuspendTenantRequest { Reason = reason }));

    public Task<ApiResult<TenantResponse>> ReactivateTenantAsync(Guid id) => CallAsync(c => c.ReactivateTenantAsync(id));

    private async Task<ApiResult<T>> CallAsync<T>(Func<PlatformClient, Task<T>> call)
    {
        try
        {
            return new ApiResult<T>(await call(client), null);
        }
        catch (PlatformApiException e)
        {
            return new ApiResult<T>(default, ApiProblem.From(e));
        }
        catch (SessionExpiredException)
        {
            // The browser is already on its way to sign-in and back here: nothing to show meanwhile.
            return new ApiResult<T>(default, new ApiProblem(401, "…", null, new Dictionary<string, string[]>()));
        }
    }
}
