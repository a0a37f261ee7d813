using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.OpenApi;
using Platform.Persistence;
using Platform.Samples;

namespace Platform.Hosting;

/// <summary>
/// The host's one-shot commands, run instead of serving: `migrate`, `load-samples DIR`, `openapi FILE`,
/// `create-platform-admin --email X --password Y` and `ensure-oauth-clients`.
/// Keeping them explicit keeps database work out of start-up (and out of OpenAPI generation).
/// </summary>
public static class PlatformCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return false;
        }

        var ct = app.Lifetime.ApplicationStopping;
        switch (args[0])
        {
            case "migrate":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
                }

                // After the schema, before any node starts: one Data Protection key for all of them.
                Identity.KeyRing.KeyRingProtection.EnsureKey(app.Services, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
                return true;
            case "load-samples":
                var errors = await app.Services.GetRequiredService<SampleTenantLoader>()
                    .LoadAsync(args.Length > 1 ? args[1] : "tenants-sample", ct);
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync(error);
                }

                Environment.ExitCode = errors.Count == 0 ? 0 : 1;
                return true;
            case "openapi":
                // Endpoints reach the API explorer only once routing is wired, which normally happens at Run().
                app.UseRouting();
                app.UseEndpoints(_ => { });
                var json = await OpenApiExport.RenderAsync(app.Services);
                await File.WriteAllTextAsync(args.Length > 1 ? args[1] : "openapi/v1.json", json + "\n", ct);
                return true;
            case "create-platform-admin" or "ensure-oauth-clients":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    Environment.ExitCode = await scope.ServiceProvider.GetRequiredService<Identity.IdentityCommands>().RunAsync(args, ct);
                }

                return true;
            default:
                return false;
        }
    }
}
