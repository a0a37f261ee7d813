using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Platform.Authorization;

namespace Platform.OpenApi;

public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static IHostApplicationBuilder AddPlatformOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        // Swashbuckle describes types with MVC's JSON options when MVC is present (Razor Pages brings it), not the
        // minimal APIs' ones: give both the API's conventions so enums are documented as the snake_case strings the
        // API sends (found by the SDK end-to-end tests: integer enums made the generated clients unusable).
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Platform.Http.HttpExtensions.ConfigureJson(o.JsonSerializerOptions));
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Ticketing Platform API",
                Version = "v1",
                Description = "Multi-tenant ticketing: tenants, events, pricing, holds, orders, tickets and check-in. " +
                              "Conventions (money, pagination, errors, idempotency) are described in docs/api.md.",
            });
            options.SupportNonNullableReferenceTypes();
            options.DocumentFilter<OperationConventionsFilter>();
            options.DocumentFilter<RequiredPropertiesFilter>();
            options.DocumentFilter<PublicHoldBodyFilter>();
            options.DocumentFilter<ProblemSchemaFilter>();
            options.DocumentFilter<StringEnumsFilter>();
            options.SchemaFilter<WholeNumberSchemaFilter>();
            options.OperationFilter<RoutePathParametersFilter>();
            options.OperationFilter<IdempotencyHeaderFilter>();
            var scopes = PlatformScopes.All.ToDictionary(s => s, ScopeDescription);
            // Two schemes, in the order Swagger UI's Authorize dialog lists them: first the person's sign-in
            // (authorization code + PKCE, the prefilled "swagger-ui" client), then server-to-server client
            // credentials, which need an API client's own id and secret (prefilling "swagger-ui" there only fails).
            options.AddSecurityDefinition(OAuthSecurityFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Sign in as a person: authorization code with PKCE (S256). In Swagger UI, client_id swagger-ui " +
                              "(public, no secret), then the platform's login and consent pages. Discovery: /.well-known/openid-configuration.",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative),
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        RefreshUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string>(scopes) { ["offline_access"] = "Issue a refresh token." },
                    },
                },
            });
            options.AddSecurityDefinition(OAuthSecurityFilter.ClientCredentialsSchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Server to server: client credentials of an API client a tenant Owner/Admin registered " +
                              "(POST /api/v1/api-clients); enter that client's id and secret, not swagger-ui.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri("/connect/token", UriKind.Relative), Scopes = scopes },
                },
            });
            options.OperationFilter<OAuthSecurityFilter>();
        });
        return builder;
    }

    private static string ScopeDescription(string scope) => scope switch
    {
        PlatformScopes.TenantsAdmin => "Members, roles, invitations, API clients and the audit log of the tenant.",
        PlatformScopes.EventsRead => "Read venues, events, prices and availability.",
        PlatformScopes.EventsWrite => "Create and change venues, events and prices.",
        PlatformScopes.OrdersRead => "Read orders and tickets.",
        PlatformScopes.OrdersWrite => "Place holds and orders, refund, change tickets.",
        PlatformScopes.TicketsCheckIn => "Scan and check in tickets.",
        PlatformScopes.ReportsRead => "Read reports and exports.",
        PlatformScopes.WebhooksManage => "Manage webhook subscriptions.",
        _ => scope,
    };

    /// <summary>
    /// The document at a stable URL (/openapi/v1.json) and Swagger UI at /swagger, both public: placed before
    /// authentication so the fallback policy does not hide the API's own description.
    /// </summary>
    public static WebApplication UsePlatformOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = DocumentRoute.TrimStart('/'));
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.SwaggerEndpoint($"/openapi/{DocumentName}.json", "Ticketing Platform API v1");
            // "Authorize" signs in through the platform's login and consent pages (authorization code + PKCE) as the
            // first-party public client created by the `ensure-oauth-clients` command.
            o.OAuthClientId("swagger-ui");
            o.OAuthAppName("Ticketing Platform API");
            o.OAuthUsePkce();
            o.OAuthScopeSeparator(" ");
            o.OAuthScopes([.. PlatformScopes.All]);
        });
        return app;
    }
}
