namespace Platform.Authorization;

/// <summary>OAuth scopes an access token can carry; each guards a family of operations (docs/roles.md).</summary>
public static class PlatformScopes
{
    public const string TenantsAdmin = "tenants:admin";
    public const string EventsRead = "events:read";
    public const string EventsWrite = "events:write";
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string TicketsCheckIn = "tickets:checkin";
    public const string ReportsRead = "reports:read";
    public const string WebhooksManage = "webhooks:manage";

    public static readonly IReadOnlyList<string> All =
        [TenantsAdmin, EventsRead, EventsWrite, OrdersRead, OrdersWrite, TicketsCheckIn, ReportsRead, WebhooksManage];
}
