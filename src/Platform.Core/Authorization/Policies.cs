using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Platform.Authorization.PlatformRoles;

namespace Platform.Authorization;

/// <summary>
/// Named authorization policies. Every endpoint names one of these (or AllowAnonymous); docs/roles.md is the matrix
/// and the tests hold every (role, endpoint) pair to it.
/// </summary>
public static class Policies
{
    public const string PlatformAdmin = "platform-admin";

    /// <summary>A person signed in to the server-rendered account pages (Identity's cookie, never a bearer token).</summary>
    public const string SignedInUser = "signed-in-user";

    /// <summary>/metrics: a platform admin or Prometheus's scrape token (Observability/MetricsAccess registers it).</summary>
    public const string MetricsScrape = "metrics-scrape";

    /// <summary>Members, roles, API clients, audit log: Owner and Admin.</summary>
    public const string TenantAdmin = "tenant-admin";

    public const string EventsRead = "events-read";
    public const string EventsWrite = "events-write";
    public const string OrdersRead = "orders-read";
    public const string OrdersWrite = "orders-write";
    public const string TicketsCheckIn = "tickets-checkin";
    public const string ReportsRead = "reports-read";

    /// <summary>Finance's reports and exports: those naming buyers, the journal and the daily close (not analysts).</summary>
    public const string FinanceRead = "finance-read";

    /// <summary>Finance's own configuration, the chart-of-accounts mapping: the people who keep the books (ADR 0054).</summary>
    public const string FinanceWrite = "finance-write";
    public const string WebhooksManage = "webhooks-manage";

    /// <summary>Policy → (scope, roles allowed when a person holds the token).</summary>
    public static readonly IReadOnlyDictionary<string, TenantPermissionRequirement> TenantPermissions =
        new Dictionary<string, TenantPermissionRequirement>
        {
            [TenantAdmin] = new(PlatformScopes.TenantsAdmin, [Owner, Admin]),
            [EventsRead] = new(PlatformScopes.EventsRead, [Owner, Admin, BoxOffice, Finance, Analyst, Scanner]),
            [EventsWrite] = new(PlatformScopes.EventsWrite, [Owner, Admin]),
            [OrdersRead] = new(PlatformScopes.OrdersRead, [Owner, Admin, BoxOffice, Finance]),
            [OrdersWrite] = new(PlatformScopes.OrdersWrite, [Owner, Admin, BoxOffice]),
            [TicketsCheckIn] = new(PlatformScopes.TicketsCheckIn, [Owner, Admin, Scanner]),
            [ReportsRead] = new(PlatformScopes.ReportsRead, [Owner, Admin, Finance, Analyst]),
            [FinanceRead] = new(PlatformScopes.ReportsRead, [Owner, Admin, Finance]),
            [FinanceWrite] = new(PlatformScopes.TenantsAdmin, [Owner, Admin, Finance]),
            [WebhooksManage] = new(PlatformScopes.WebhooksManage, [Owner, Admin]),
        };

    public static IHostApplicationBuilder AddPlatformAuthorization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, TenantPermissionHandler>();
        var authorization = builder.Services.AddAuthorizationBuilder()
            // An endpoint that names no policy still requires a signed-in caller (fail closed).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformAdmin, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin))
            .AddPolicy(SignedInUser, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        foreach (var (name, requirement) in TenantPermissions)
        {
            authorization.AddPolicy(name, p => p.RequireAuthenticatedUser().AddRequirements(requirement));
        }

        return builder;
    }
}
