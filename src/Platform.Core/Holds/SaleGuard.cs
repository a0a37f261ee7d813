using Npgsql;
using static Platform.Holds.CheckoutSql;

namespace Platform.Holds;

/// <summary>
/// Re-checks, inside the hold's own transaction, the two facts a hold may never get wrong even when it was planned
/// from cached event facts: the event is on sale and a window of the hold's channel is open now. It costs no round
/// trip of its own (it rides in the hold's batch). When it fails the hold is planned again from fresh rows, which
/// either gives the precise refusal or finds the cache was merely stale (ADR 0016).
/// </summary>
internal static class SaleGuard
{
    public const string Code = "sale_not_open";

    public const string Sql = $"""
        SELECT checkout_require(EXISTS (
            SELECT 1 FROM events e JOIN sales_windows w ON w.tenant_id = e.tenant_id AND w.event_id = e.id
            WHERE e.tenant_id = @t AND e.id = @e AND e.status = 'on_sale'
              AND w.channel = @channel AND w.opens_at <= @now AND w.closes_at > @now), '{Code}')
        """;

    /// <summary>The statement's parameters for <paramref name="hold"/>, checked at its creation time.</summary>
    public static NpgsqlParameter[] Parameters(Guid tenantId, Hold hold) =>
    [
        P("t", tenantId), P("e", hold.EventId), P("channel", Venues.SnakeCaseEnumConverter<Sales.SalesChannel>.ToText(hold.Channel)),
        P("now", hold.CreatedAt),
    ];
}
