using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Users;

namespace Platform.BackgroundJobs;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/> for platform admins only (issue #15 item 7): the queues, the retries and
/// the failed jobs behind webhooks and e-mail. A browser page, so it is guarded by the sign-in cookie of the account
/// pages (a bearer token cannot ride on a link); everyone else gets 401.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/hangfire";

    public static IApplicationBuilder UseJobsDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            // Hangfire's default filter admits local requests only; ours replaces it (every filter in both lists must pass).
            Authorization = [],
            AsyncAuthorization = [new PlatformAdminCookieFilter()],
            AppPath = "/console/",
            DashboardTitle = "Background jobs",
            DisplayStorageConnectionString = false,
        });

    private sealed class PlatformAdminCookieFilter : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            if (!cookie.Succeeded)
            {
                return false;
            }

            var users = http.RequestServices.GetRequiredService<UserManager<PlatformUser>>();
            return await users.GetUserAsync(cookie.Principal!) is { IsDisabled: false, IsPlatformAdmin: true };
        }
    }
}
