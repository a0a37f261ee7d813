using Platform.Auditing;
using Platform.Authentication;
using Platform.Authorization;
using Platform.BackgroundJobs;
using Platform.Health;
using Platform.Hosting;
using Platform.Identity;
using Platform.Http;
using Platform.OpenApi;
using Platform.Persistence;
using Platform.Samples;
using Platform.Tenancy;
using Platform.Tenancy.Administration;
using Platform.Tenancy.PublicProfile;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatformHttp();
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

var app = builder.Build();

if (await PlatformCommands.TryRunAsync(app, args))
{
    return;
}

app.UsePlatformHttp();
app.MapPlatformOpenApi();
app.UseAuthentication();
app.UseTenancy();
app.UseAuthorization();

app.MapPlatformHealth();
app.MapTenantAdministration();
app.MapAuditLog();
app.MapTenantProfile();
app.MapPlatformIdentity();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
