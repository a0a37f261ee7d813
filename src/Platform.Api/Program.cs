using Platform.AntiScalping;
using Platform.Auditing;
using Platform.Authentication;
using Platform.Authorization;
using Platform.BackgroundJobs;
using Platform.Benchmarking;
using Platform.CashUp;
using Platform.Catalog;
using Platform.CheckIn;
using Platform.Checkout;
using Platform.Events;
using Platform.Health;
using Platform.Orders;
using Platform.Payments;
using Platform.Payments.Stripe;
using Platform.Holds;
using Platform.Observability;
using Platform.Hosting;
using Platform.Identity;
using Platform.Import;
using Platform.Http;
using Platform.OpenApi;
using Platform.Outbox;
using Platform.Persistence;
using Platform.Pricing;
using Platform.RateLimiting;
using Platform.PostEvent;
using Platform.Reports;
using Platform.Privacy;
using Platform.Resellers;
using Platform.Samples;
using Platform.SecurityHeaders;
using Platform.Tenancy;
using Platform.Tenancy.Administration;
using Platform.Tenancy.Branding;
using Platform.Tenancy.PublicProfile;
using Platform.Tickets;
using Platform.Venues;
using Platform.Venues.SectionViews;
using Platform.Venues.Editing;
using Platform.Webhooks;
using Platform.WaitingRoom;
using Platform.Shedding;
using Platform.Api.Console;
using Platform.Api.Storefront;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatformLogging();
builder.AddPlatformObservability();
builder.AddPlatformHttp();
builder.AddPlatformSecurityHeaders();
builder.AddPersistence();
builder.AddTenancy();
builder.AddAuditing();
builder.AddPlatformAuthentication();
builder.AddPlatformIdentity();
builder.AddPlatformAuthorization();
builder.AddPlatformOpenApi();
builder.AddBackgroundJobs();
builder.AddPlatformHealth();
builder.AddSampleTenants();
builder.AddPricing();
builder.AddVenues();
builder.AddEvents();
builder.AddOutbox();
builder.AddWebhooks();
builder.AddPlatformRateLimiting();
builder.AddShedding();
builder.AddHolds();
builder.AddWaitingRooms();
builder.AddIdempotency();
builder.AddOrders();
builder.AddAntiScalping();
builder.AddStripePayments();
builder.AddResellers();
builder.AddTickets();
builder.AddCheckIn();
builder.AddReports();
builder.AddPostEventReport();
builder.AddCashUp();
builder.AddPrivacy();
builder.AddImports();
builder.AddStorefront();
builder.AddConsole();

var app = builder.Build();

app.UseBareBenchmarkEndpoint();
app.UsePlatformObservability();
app.UsePlatformSecurityHeaders();
app.UsePlatformHttp();
app.UseShedding();
// Cached storefront pages are answered here, before authentication, rate-limit partitioning and tenant resolution:
// on a hot on-sale almost every event-page view is a hit (S3 in docs/benchmarks.md). Misses go on down the pipeline.
// Page views are counted around the cache, so hits count too (the analyst's funnel).
app.UseStorefrontPageViews();
app.UseStorefrontCache();
app.UseConsoleFiles();
app.UseStorefrontAssets();
app.UsePlatformOpenApi();
app.UseAuthentication();
app.UsePlatformRateLimiting();
app.UseTenancy();
// Before UseAuthorization: the dashboard is not an endpoint, so the fallback (bearer) policy would refuse it; its own
// filter admits platform admins by the sign-in cookie.
app.UseJobsDashboard();
app.UseAuthorization();

app.MapPlatformHealth();
app.MapPlatformObservability();
app.MapTenantAdministration();
app.MapOwnBranding();
app.MapAuditLog();
app.MapTenantProfile();
app.MapPricing();
app.MapVenues();
app.MapVenueEditing();
app.MapSectionViews();
app.MapEvents();
app.MapCatalog();
app.MapPlatformIdentity();
app.MapWebhooks();
app.MapHolds();
app.MapWaitingRooms();
app.MapOrders();
app.MapAntiScalping();
app.MapStripePayments();
app.MapResellers();
app.MapTickets();
app.MapCheckIn();
app.MapReconciliation();
app.MapReports();
app.MapPostEventReport();
app.MapCashUpEndpoints();
app.MapPrivacy();
app.MapImports();
app.MapConsole();

// One-shot commands (migrate, load-samples, openapi) run instead of serving; they need the endpoints mapped above.
if (await PlatformCommands.TryRunAsync(app, args))
{
    return;
}

app.Run();

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
